package dev.tarn.s3.object;

import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.Segment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** An object whose bytes are durably stored, ready to become a version once a version id is chosen. */
public record NewObject(String key, long size, String etag, String storageClass, String ownerAccountId, List<Segment> segments,
        Map<String, String> attributes)
{
    public NewObject
    {
        requireNonNull(key, "key is null");
        requireNonNull(etag, "etag is null");
        requireNonNull(storageClass, "storageClass is null");
        requireNonNull(ownerAccountId, "ownerAccountId is null");
        segments = List.copyOf(segments);
        attributes = Map.copyOf(attributes);
    }

    public NewObject withAttributes(Map<String, String> value)
    {
        return new NewObject(key, size, etag, storageClass, ownerAccountId, segments, value);
    }

    ObjectVersion toVersion(String bucket, String versionId, Instant lastModified)
    {
        return new ObjectVersion(bucket, key, versionId, 0, true, false, size, etag, lastModified, storageClass, ownerAccountId, segments, attributes);
    }
}
