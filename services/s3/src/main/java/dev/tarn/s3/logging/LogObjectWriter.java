package dev.tarn.s3.logging;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.object.BlobIngest;
import dev.tarn.s3.object.NewObject;
import dev.tarn.s3.object.ObjectWriter;
import dev.tarn.s3.object.StorageClasses;
import dev.tarn.s3.object.StoredChecksum;
import dev.tarn.s3.security.ObjectEncryption;
import dev.tarn.storage.blob.StoredBlob;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.Segment;

import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Stores a log object in its target bucket through the object write path: encrypted under a new
 * SSE-S3 data key, with an MD5 ETag and a checksum, versioned as the bucket's versioning says.
 * Log objects are always SSE-S3, as on AWS, where log delivery does not use KMS keys.
 */
final class LogObjectWriter
{
    private static final String CONTENT_TYPE = "text/plain";

    private final MetadataStore metadata;
    private final BlobIngest ingest;
    private final ObjectWriter writer;

    LogObjectWriter(MetadataStore metadata, BlobIngest ingest, ObjectWriter writer)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.ingest = requireNonNull(ingest, "ingest is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    /**
     * Writes the log object unless the target bucket is gone or no longer has the source
     * bucket's owner (answers false then: the logs are not delivered to anyone else).
     */
    boolean write(String targetBucket, String key, byte[] content, String ownerAccountId)
    {
        Optional<BucketRecord> target = metadata.read(reader -> reader.bucket(targetBucket));
        if (target.isEmpty() || !target.get().ownerAccountId().equals(ownerAccountId)) {
            return false;
        }
        ChecksumAlgorithm algorithm = StoredChecksum.DEFAULT_ALGORITHM;
        StoredBlob blob = ingest.write(new ByteArrayInputStream(content), OptionalLong.of(content.length), Set.of(algorithm), stored -> {});
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(ObjectAttributes.CONTENT_TYPE, CONTENT_TYPE);
        attributes.put(ObjectAttributes.SERVER_SIDE_ENCRYPTION, ObjectEncryption.SSE_S3);
        StoredChecksum.fullObject(algorithm, blob).addTo(attributes);
        NewObject object = new NewObject(key, blob.length(), HexFormat.of().formatHex(blob.checksum(ChecksumAlgorithm.MD5)), StorageClasses.STANDARD,
                ownerAccountId, List.of(new Segment(blob.id(), blob.length())), attributes);
        writer.publish(targetBucket, object);
        return true;
    }
}
