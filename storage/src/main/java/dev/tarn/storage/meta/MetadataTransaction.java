package dev.tarn.storage.meta;

import java.util.Optional;

/**
 * Writes, made inside {@link MetadataStore#write}: either all of them become durable together
 * or none does. Reads inside a transaction see its own writes.
 */
public interface MetadataTransaction
        extends MetadataReader
{
    /** Inserts a bucket; false (and no change) when the name is taken. */
    boolean createBucket(BucketRecord bucket);

    /** Replaces a bucket's record (same name). */
    void updateBucket(BucketRecord bucket);

    void deleteBucket(String name);

    /**
     * Stores a version and returns it with its assigned sequence. Replaces an existing version
     * with the same (bucket, key, versionId), as an unversioned overwrite of "null" does. The
     * caller states whether it is latest; clearing the previous latest is the caller's job
     * ({@link #setLatest}).
     */
    ObjectVersion putVersion(ObjectVersion version);

    /** Removes one version; returns what was removed. */
    Optional<ObjectVersion> deleteVersion(String bucket, String key, String versionId);

    /** Marks exactly the given version of the key as latest (or none, when empty). */
    void setLatest(String bucket, String key, Optional<String> versionId);

    /** Replaces the attributes and storage class of an existing version (tagging, restore). */
    void updateVersion(ObjectVersion version);

    void createUpload(UploadRecord upload);

    /** Stores a part, returning the part it replaced (same number), if any. */
    Optional<PartRecord> putPart(PartRecord part);

    /** Removes an upload and its parts. */
    void deleteUpload(String uploadId);
}
