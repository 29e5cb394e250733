package dev.tarn.s3;

import dev.tarn.gateway.http.UriCodec;
import dev.tarn.spi.http.ServiceRequest;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The bucket and key a request addresses, from a virtual-hosted Host header or the path
 * ({@code /bucket/key}). The key is decoded from the raw path, so it keeps every character the
 * client encoded ('+', '//', '..', trailing '/').
 */
public record S3Location(Optional<String> bucket, Optional<String> key)
{
    public S3Location
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
    }

    public static S3Location of(ServiceRequest request)
    {
        String raw = request.rawPath();
        if (raw.startsWith("/")) {
            raw = raw.substring(1);
        }
        Optional<String> hostBucket = request.virtualHostBucket();
        if (hostBucket.isPresent()) {
            return new S3Location(hostBucket, raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw)));
        }
        if (raw.isEmpty()) {
            return new S3Location(Optional.empty(), Optional.empty());
        }
        int slash = raw.indexOf('/');
        if (slash < 0) {
            return new S3Location(Optional.of(decode(raw)), Optional.empty());
        }
        String key = raw.substring(slash + 1);
        return new S3Location(Optional.of(decode(raw.substring(0, slash))), key.isEmpty() ? Optional.empty() : Optional.of(decode(key)));
    }

    public boolean isService()
    {
        return bucket.isEmpty();
    }

    public boolean isBucket()
    {
        return bucket.isPresent() && key.isEmpty();
    }

    public boolean isObject()
    {
        return key.isPresent();
    }

    public String requireBucket()
    {
        return bucket.orElseThrow();
    }

    public String requireKey()
    {
        return key.orElseThrow();
    }

    private static String decode(String raw)
    {
        return UriCodec.decode(raw, false);
    }
}
