package dev.tarn.storage.meta;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Writes, made inside {@link MetadataStore#write}: either all of them become durable together
 * or none does. Reads inside a transaction see its own writes.
 *
 * <p>A write that breaks the store's integrity (a version or upload in a bucket that does not
 * exist, a part of an upload that does not exist, a duplicate upload id) fails with
 * {@link MetadataStoreException}; callers check first, in the same transaction.
 */
public interface MetadataTransaction
        extends MetadataReader
{
    /** Inserts a bucket; false (and no change) when the name is taken. */
    boolean createBucket(BucketRecord bucket);

    /**
     * Replaces a bucket's record (same name).
     *
     * @throws NoSuchElementException when there is no such bucket
     */
    void updateBucket(BucketRecord bucket);

    /**
     * Removes a bucket and its multipart uploads (with their parts); nothing when there is no
     * such bucket. Fails with {@link MetadataStoreException} while the bucket holds any version
     * or delete marker ({@link #hasObjects}).
     */
    void deleteBucket(String name);

    /**
     * Stores a version and returns it with its assigned sequence (the given sequence is
     * ignored): higher than every sequence assigned before. Replaces an existing version with
     * the same (bucket, key, versionId), as an unversioned overwrite of "null" does. The caller
     * states whether it is latest; clearing the previous latest is the caller's job
     * ({@link #setLatest}).
     */
    ObjectVersion putVersion(ObjectVersion version);

    /** Removes one version; returns what was removed. */
    Optional<ObjectVersion> deleteVersion(String bucket, String key, String versionId);

    /**
     * Marks exactly the given version of the key as latest (or none, when empty), clearing the
     * flag on every other version of the key.
     *
     * @throws NoSuchElementException when the given version does not exist
     */
    void setLatest(String bucket, String key, Optional<String> versionId);

    /**
     * Replaces the attributes and storage class of an existing version (tagging, restore); its
     * other fields, sequence included, stay as they are.
     *
     * @throws NoSuchElementException when the version does not exist
     */
    void updateVersion(ObjectVersion version);

    void createUpload(UploadRecord upload);

    /** Stores a part, returning the part it replaced (same number), if any. */
    Optional<PartRecord> putPart(PartRecord part);

    /** Removes an upload and its parts; nothing when there is no such upload. */
    void deleteUpload(String uploadId);

    /** Inserts or replaces a document. */
    void putDocument(StoredDocument document);

    /** Removes a document; false when there was none. */
    boolean deleteDocument(String collection, String id);
}
