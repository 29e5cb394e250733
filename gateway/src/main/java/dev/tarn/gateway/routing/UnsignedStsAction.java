package dev.tarn.gateway.routing;

import dev.tarn.gateway.auth.IncomingRequest;
import dev.tarn.gateway.http.UriCodec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Besides S3, AWS serves one request unsigned: STS AssumeRoleWithWebIdentity, whose web identity
 * token is the proof of who asks (the SDKs and the CLI send it without a signature). An unsigned
 * request carries no credential scope to name its service, so this recognizes exactly that action
 * (a form POST to {@code /}, which is no S3 request) and sends it to STS; anything else unsigned
 * stays with S3. STS itself refuses anonymous callers for every other action.
 */
public final class UnsignedStsAction
{
    public static final String ACTION = "AssumeRoleWithWebIdentity";
    private static final String SIGNING_NAME = "sts";
    /** Enough for the largest valid request (a 20,000-character token, a 2,048-character policy, URL-encoded). */
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private UnsignedStsAction() {}

    /**
     * @param service STS when the request is an unsigned AssumeRoleWithWebIdentity
     * @param payload the request's payload, whole (what was read to decide is replayed)
     */
    public record Routed(Optional<ServiceBinding> service, InputStream payload)
    {
        public Routed
        {
            requireNonNull(service, "service is null");
            requireNonNull(payload, "payload is null");
        }
    }

    public static Routed route(ServiceRegistry services, IncomingRequest request, Optional<String> virtualHostBucket, InputStream payload)
    {
        Optional<ServiceBinding> sts = services.bySigningName(SIGNING_NAME);
        boolean form = request.headers().first("content-type").map(type -> type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")).orElse(false);
        if (sts.isEmpty() || !"POST".equals(request.method()) || !"/".equals(request.rawPath()) || virtualHostBucket.isPresent() || !form) {
            return new Routed(Optional.empty(), payload);
        }
        byte[] bytes;
        try {
            bytes = payload.readNBytes(MAX_FORM_BYTES + 1);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InputStream replay = new SequenceInputStream(new ByteArrayInputStream(bytes), payload);
        if (bytes.length > MAX_FORM_BYTES) {
            return new Routed(Optional.empty(), replay);
        }
        // the action as the query protocol reads it: body parameters win over the query string's
        Optional<String> action = action(UriCodec.parseQuery(new String(bytes, StandardCharsets.UTF_8).strip()))
                .or(() -> action(UriCodec.parseQuery(request.rawQuery())));
        return new Routed(action.filter(ACTION::equals).flatMap(name -> sts), replay);
    }

    private static Optional<String> action(Map<String, List<String>> parameters)
    {
        return Optional.ofNullable(parameters.get("Action")).filter(values -> !values.isEmpty()).map(values -> values.get(0));
    }
}
