package dev.tarn.storage.meta;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One version of an object, or a delete marker. Unversioned writes use the version id "null",
 * as S3 reports it.
 *
 * @param sequence store-assigned, increasing with every write in the store; orders the versions
 *        of a key newest first. Zero on a record not yet stored.
 * @param latest whether this is the current version of its key
 * @param etag the ETag value without quotes
 * @param segments the encrypted blobs holding the bytes, in order (empty for delete markers and empty objects)
 * @param attributes everything else S3 stores and returns with the object (system and user
 *        metadata, checksums, tags, encryption, restore state, part layout), as a service-defined
 *        map of string values; the store keeps it opaque
 */
public record ObjectVersion(
        String bucket,
        String key,
        String versionId,
        long sequence,
        boolean latest,
        boolean deleteMarker,
        long size,
        String etag,
        Instant lastModified,
        String storageClass,
        String ownerAccountId,
        List<Segment> segments,
        Map<String, String> attributes)
{
    public static final String NULL_VERSION = "null";

    public ObjectVersion
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(versionId, "versionId is null");
        requireNonNull(etag, "etag is null");
        requireNonNull(lastModified, "lastModified is null");
        requireNonNull(storageClass, "storageClass is null");
        requireNonNull(ownerAccountId, "ownerAccountId is null");
        segments = List.copyOf(segments);
        attributes = Map.copyOf(attributes);
    }

    public Optional<String> attribute(String name)
    {
        return Optional.ofNullable(attributes.get(name));
    }

    public ObjectVersion withLatest(boolean value)
    {
        return new ObjectVersion(bucket, key, versionId, sequence, value, deleteMarker, size, etag, lastModified, storageClass, ownerAccountId, segments, attributes);
    }

    public ObjectVersion withSequence(long value)
    {
        return new ObjectVersion(bucket, key, versionId, value, latest, deleteMarker, size, etag, lastModified, storageClass, ownerAccountId, segments, attributes);
    }

    public ObjectVersion withAttributes(Map<String, String> value)
    {
        return new ObjectVersion(bucket, key, versionId, sequence, latest, deleteMarker, size, etag, lastModified, storageClass, ownerAccountId, segments, value);
    }

    public ObjectVersion withStorageClass(String value)
    {
        return new ObjectVersion(bucket, key, versionId, sequence, latest, deleteMarker, size, etag, lastModified, value, ownerAccountId, segments, attributes);
    }
}
