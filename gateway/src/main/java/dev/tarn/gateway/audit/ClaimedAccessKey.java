package dev.tarn.gateway.audit;

import dev.tarn.gateway.http.UriCodec;
import dev.tarn.spi.http.Headers;

import java.util.Optional;

/** The access key id a request names in its Credential, read without trusting the signature. */
final class ClaimedAccessKey
{
    /** Longer ids are not access keys; they are cut off so a hostile header cannot bloat a log line. */
    private static final int MAX_LENGTH = 128;

    private ClaimedAccessKey() {}

    static Optional<String> of(Headers headers, String rawQuery)
    {
        Optional<String> fromHeader = headers.first("authorization").flatMap(ClaimedAccessKey::fromAuthorization);
        if (fromHeader.isPresent()) {
            return fromHeader;
        }
        return Optional.ofNullable(UriCodec.parseQuery(rawQuery).get("X-Amz-Credential"))
                .filter(values -> !values.isEmpty())
                .map(values -> values.get(0))
                .flatMap(ClaimedAccessKey::keyOfCredential);
    }

    private static Optional<String> fromAuthorization(String authorization)
    {
        int start = authorization.indexOf("Credential=");
        if (start < 0) {
            return Optional.empty();
        }
        String rest = authorization.substring(start + "Credential=".length());
        int end = rest.indexOf(',');
        return keyOfCredential(end < 0 ? rest : rest.substring(0, end));
    }

    private static Optional<String> keyOfCredential(String credential)
    {
        int slash = credential.indexOf('/');
        String key = (slash < 0 ? credential : credential.substring(0, slash)).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key.length() > MAX_LENGTH ? key.substring(0, MAX_LENGTH) : key);
    }
}
