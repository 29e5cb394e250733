package dev.tarn.athena.engine.catalog;

import static java.util.Objects.requireNonNull;

/** An object found under a table's or partition's location. */
public record S3ObjectSummary(String bucket, String key, long size)
{
    public S3ObjectSummary
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
    }
}
