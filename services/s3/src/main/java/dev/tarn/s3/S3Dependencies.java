package dev.tarn.s3;

import dev.tarn.spi.kms.DataKeyService;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.storage.blob.BlobStore;
import dev.tarn.storage.meta.MetadataStore;

import java.time.Clock;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the S3 service is built from.
 *
 * @param dataKeys SSE-S3 data keys (under the master key)
 * @param kms SSE-KMS data keys; without it, SSE-KMS requests are answered NotImplemented
 */
public record S3Dependencies(MetadataStore metadata, BlobStore blobs, DataKeyProvider dataKeys, Optional<DataKeyService> kms, Authorizer authorizer,
        Clock clock, String region)
{
    public S3Dependencies
    {
        requireNonNull(metadata, "metadata is null");
        requireNonNull(blobs, "blobs is null");
        requireNonNull(dataKeys, "dataKeys is null");
        requireNonNull(kms, "kms is null");
        requireNonNull(authorizer, "authorizer is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(region, "region is null");
    }

    public S3Dependencies(MetadataStore metadata, BlobStore blobs, DataKeyProvider dataKeys, Authorizer authorizer, Clock clock, String region)
    {
        this(metadata, blobs, dataKeys, Optional.empty(), authorizer, clock, region);
    }
}
