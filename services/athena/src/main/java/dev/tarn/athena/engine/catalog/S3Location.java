package dev.tarn.athena.engine.catalog;

import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An {@code s3://bucket/prefix} location as tables, partitions and outputs name it.
 *
 * @param bucket the bucket
 * @param key the key or key prefix, without a leading slash (empty for the bucket's root)
 */
public record S3Location(String bucket, String key)
{
    public S3Location
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
    }

    public static Optional<S3Location> tryParse(String uri)
    {
        requireNonNull(uri, "uri is null");
        String lower = uri.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("s3://")) {
            rest = uri.substring(5);
        }
        else if (lower.startsWith("s3a://") || lower.startsWith("s3n://")) {
            rest = uri.substring(6);
        }
        else {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1)));
    }

    /** The location as a folder: its key ends in {@code /} unless it is the bucket's root. */
    public S3Location asFolder()
    {
        return key.isEmpty() || key.endsWith("/") ? this : new S3Location(bucket, key + "/");
    }

    public S3Location resolve(String relative)
    {
        return new S3Location(bucket, asFolder().key + relative);
    }

    @Override
    public String toString()
    {
        return "s3://" + bucket + "/" + key;
    }
}
