package dev.tarn.storage.meta;

import java.time.Instant;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A multipart upload in progress.
 *
 * @param attributes what CreateMultipartUpload fixed for the object to be (metadata, storage
 *        class, encryption, checksum algorithm, tags), service-defined and opaque to the store
 */
public record UploadRecord(String uploadId, String bucket, String key, Instant initiated, String ownerAccountId,
        String initiatorArn, String storageClass, Map<String, String> attributes)
{
    public UploadRecord
    {
        requireNonNull(uploadId, "uploadId is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(initiated, "initiated is null");
        requireNonNull(ownerAccountId, "ownerAccountId is null");
        requireNonNull(initiatorArn, "initiatorArn is null");
        requireNonNull(storageClass, "storageClass is null");
        attributes = Map.copyOf(attributes);
    }
}
