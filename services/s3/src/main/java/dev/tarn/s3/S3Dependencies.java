package dev.tarn.s3;

import dev.tarn.s3.lifecycle.LifecycleDay;
import dev.tarn.spi.kms.DataKeyService;
import dev.tarn.s3.security.ObjectOwnership;
import dev.tarn.spi.security.AccountDirectory;
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
 * @param accounts the installation's accounts, for ACL grants by canonical id and email
 * @param defaultObjectOwnership the Object Ownership of buckets created without x-amz-object-ownership
 * @param lifecycleDay how long one day of a lifecycle rule is (shortened for tests and demos)
 */
public record S3Dependencies(MetadataStore metadata, BlobStore blobs, DataKeyProvider dataKeys, Optional<DataKeyService> kms, Authorizer authorizer,
        Clock clock, String region, AccountDirectory accounts, String defaultObjectOwnership, LifecycleDay lifecycleDay)
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
        requireNonNull(accounts, "accounts is null");
        ObjectOwnership.checkDefault(defaultObjectOwnership);
        requireNonNull(lifecycleDay, "lifecycleDay is null");
    }

    public S3Dependencies(MetadataStore metadata, BlobStore blobs, DataKeyProvider dataKeys, Optional<DataKeyService> kms, Authorizer authorizer,
            Clock clock, String region)
    {
        this(metadata, blobs, dataKeys, kms, authorizer, clock, region, AccountDirectory.of(java.util.List.of()), ObjectOwnership.BUCKET_OWNER_ENFORCED,
                LifecycleDay.STANDARD);
    }

    public S3Dependencies(MetadataStore metadata, BlobStore blobs, DataKeyProvider dataKeys, Authorizer authorizer, Clock clock, String region)
    {
        this(metadata, blobs, dataKeys, Optional.empty(), authorizer, clock, region);
    }
}
