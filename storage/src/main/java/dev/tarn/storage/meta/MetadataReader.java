package dev.tarn.storage.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the metadata store. Every list method returns at most {@code limit} entries (a limit
 * of zero returns none; a negative one is rejected) in S3's order, keys compared as UTF-8 bytes
 * ({@link KeyOrder}), so callers page with markers and never hold a whole bucket in memory.
 * A prefix selects keys that start with it; the empty prefix selects every key.
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
     * Like {@link #latestObjects} but beginning at {@code startAt} inclusive. A listing with a
     * delimiter skips a whole common prefix {@code P} by continuing from
     * {@code KeyOrder.prefixEnd(P)}.
     */
    default List<ObjectVersion> latestObjectsFrom(String bucket, String prefix, String startAt, int limit)
    {
        List<ObjectVersion> page = new ArrayList<>();
        if (limit > 0 && startAt.startsWith(prefix)) {
            latest(bucket, startAt).filter(version -> !version.deleteMarker()).ifPresent(page::add);
        }
        page.addAll(latestObjects(bucket, prefix, Optional.of(startAt), limit - page.size()));
        return List.copyOf(page);
    }

    /**
     * All versions and delete markers of keys starting with {@code prefix}, by key and then
     * newest first (descending {@link ObjectVersion#sequence()}), beginning after a position as
     * S3's ListObjectVersions defines it:
     * <ul>
     * <li>no key marker: from the first key (a version-id marker alone is ignored);</li>
     * <li>key marker alone: after every version of that key;</li>
     * <li>key marker and version-id marker: the versions of that key older than the marker
     * version, then the following keys. When the marker version does not exist (any more), all
     * versions of the marker key come first: a listing may then repeat entries, never skip any.</li>
     * </ul>
     */
    List<ObjectVersion> versions(String bucket, String prefix, Optional<String> keyMarker, Optional<String> versionIdMarker, int limit);

    /**
     * Like {@link #versions} without a version-id marker, but beginning with every version of
     * {@code startAtKey} (inclusive), so a listing with a delimiter can skip a common prefix.
     */
    default List<ObjectVersion> versionsFrom(String bucket, String prefix, String startAtKey, int limit)
    {
        List<ObjectVersion> page = new ArrayList<>();
        if (limit > 0 && startAtKey.startsWith(prefix)) {
            // the versions of startAtKey are the first entries of a listing with it as the prefix
            for (ObjectVersion version : versions(bucket, startAtKey, Optional.empty(), Optional.empty(), limit)) {
                if (!version.key().equals(startAtKey)) {
                    break;
                }
                page.add(version);
            }
        }
        page.addAll(versions(bucket, prefix, Optional.of(startAtKey), Optional.empty(), limit - page.size()));
        return List.copyOf(page);
    }

    /** Whether the bucket holds any version or delete marker. */
    boolean hasObjects(String bucket);

    Optional<UploadRecord> upload(String uploadId);

    /**
     * Uploads in a bucket with keys starting with prefix, by key, then initiation time, then
     * upload id, beginning after a position as S3's ListMultipartUploads defines it: with a key
     * marker alone, after every upload of that key; with an upload-id marker too, after that
     * upload (the following uploads of the same key, then the following keys). An upload-id
     * marker without a key marker is ignored; one that names no upload of the marker key (any
     * more) puts every upload of the marker key first.
     */
    List<UploadRecord> uploads(String bucket, String prefix, Optional<String> keyMarker, Optional<String> uploadIdMarker, int limit);

    /** Parts of an upload with numbers greater than {@code afterPartNumber}, by number. */
    List<PartRecord> parts(String uploadId, int afterPartNumber, int limit);

    /** A document of another service (IAM, KMS, ...), by collection and id. */
    Optional<StoredDocument> document(String collection, String id);

    /** Documents of a collection whose ids start with {@code idPrefix}, after {@code afterId}, by id (UTF-8 byte order). */
    List<StoredDocument> documents(String collection, String idPrefix, Optional<String> afterId, int limit);
}
