package dev.tarn.storage.meta;

import java.util.List;
import java.util.Optional;

/**
 * Reads of the metadata store. Every list method returns at most {@code limit} entries in S3's
 * order (keys compared as UTF-8 bytes), so callers page with markers and never hold a whole
 * bucket in memory.
 */
public interface MetadataReader
{
    Optional<BucketRecord> bucket(String name);

    /** Buckets owned by the account, by name. */
    List<BucketRecord> buckets(String ownerAccountId);

    /** The current version of a key (which may be a delete marker). */
    Optional<ObjectVersion> latest(String bucket, String key);

    Optional<ObjectVersion> version(String bucket, String key, String versionId);

    /**
     * Current versions that are not delete markers, with keys starting with {@code prefix} and
     * greater than {@code startAfter} (when given), by key.
     */
    List<ObjectVersion> latestObjects(String bucket, String prefix, Optional<String> startAfter, int limit);

    /**
     * All versions and delete markers of keys starting with {@code prefix}, by key and then
     * newest first, beginning after the position (keyMarker, versionIdMarker) as S3's
     * ListObjectVersions defines it: with only a key marker, after every version of that key.
     */
    List<ObjectVersion> versions(String bucket, String prefix, Optional<String> keyMarker, Optional<String> versionIdMarker, int limit);

    /** Whether the bucket holds any version or delete marker. */
    boolean hasObjects(String bucket);

    Optional<UploadRecord> upload(String uploadId);

    /** Uploads in a bucket with keys starting with prefix, by key then initiation, after the markers. */
    List<UploadRecord> uploads(String bucket, String prefix, Optional<String> keyMarker, Optional<String> uploadIdMarker, int limit);

    /** Parts of an upload with numbers greater than {@code afterPartNumber}, by number. */
    List<PartRecord> parts(String uploadId, int afterPartNumber, int limit);
}
