package dev.tarn.s3.logging;

import dev.tarn.gateway.audit.Exchange;
import dev.tarn.gateway.http.UriCodec;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The bucket a request was made to (the one whose log it belongs in) and its key as sent.
 *
 * @param rawKey the key, still URL-encoded as the client sent it (the log's key field)
 */
record LoggedRequest(String bucket, Optional<String> rawKey)
{
    private static final String CONTROL_PATH = "/v20180820/";

    LoggedRequest
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(rawKey, "rawKey is null");
    }

    /**
     * The bucket and key of an S3 request, empty for one that names no bucket (ListBuckets, S3
     * Control) or went to another service. A request refused before its service was known counts
     * as S3's when it names a bucket, as S3 logs failed authentications too.
     */
    static Optional<LoggedRequest> of(Exchange exchange)
    {
        if (exchange.service().filter(service -> !service.equals("s3")).isPresent()) {
            return Optional.empty();
        }
        String path = exchange.rawPath();
        if (exchange.virtualHostBucket().isPresent()) {
            String key = path.startsWith("/") ? path.substring(1) : path;
            return Optional.of(new LoggedRequest(exchange.virtualHostBucket().get(), Optional.of(key).filter(value -> !value.isEmpty())));
        }
        if (path.startsWith(CONTROL_PATH) && exchange.headers().first("x-amz-account-id").isPresent()) {
            return Optional.empty();
        }
        String rest = path.startsWith("/") ? path.substring(1) : path;
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        String bucket = UriCodec.decode(slash < 0 ? rest : rest.substring(0, slash), false);
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> key = slash < 0 ? Optional.empty() : Optional.of(rest.substring(slash + 1)).filter(value -> !value.isEmpty());
        return Optional.of(new LoggedRequest(bucket, key));
    }
}
