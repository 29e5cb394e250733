package dev.tarn.s3.security;

import dev.tarn.s3.S3Errors;
import dev.tarn.storage.meta.MetadataStore;

import java.util.Optional;

/** Replaces (or removes) one configuration document of a bucket, read and written in one transaction. */
public final class BucketConfigurationStore
{
    private BucketConfigurationStore() {}

    public static void store(MetadataStore metadata, String bucket, String subresource, Optional<String> document)
    {
        metadata.write(transaction -> {
            transaction.updateBucket(transaction.bucket(bucket)
                    .orElseThrow(() -> S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", bucket))
                    .withConfiguration(subresource, document));
            return null;
        });
    }
}
