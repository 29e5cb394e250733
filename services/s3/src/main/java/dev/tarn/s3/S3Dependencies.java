package dev.tarn.s3;

import dev.tarn.spi.security.Authorizer;
import dev.tarn.storage.blob.BlobStore;
import dev.tarn.storage.meta.MetadataStore;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** What the S3 service is built from. */
public record S3Dependencies(MetadataStore metadata, BlobStore blobs, DataKeyProvider dataKeys, Authorizer authorizer, Clock clock, String region)
{
    public S3Dependencies
    {
        requireNonNull(metadata, "metadata is null");
        requireNonNull(blobs, "blobs is null");
        requireNonNull(dataKeys, "dataKeys is null");
        requireNonNull(authorizer, "authorizer is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(region, "region is null");
    }
}
