package dev.tarn.s3.object;

import dev.tarn.s3.S3Errors;
import dev.tarn.s3.lock.DefaultRetentions;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.Segment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Records versions, delete markers and deletions in one metadata transaction each, as the
 * bucket's versioning state (read inside that transaction) says: Enabled gives every write a new
 * version id; Suspended and never-versioned buckets replace the "null" version. The blobs of
 * whatever a write displaced are deleted only after its transaction committed; the blobs of a
 * write whose transaction failed are deleted before the error propagates.
 */
public final class ObjectWriter
{
    private final MetadataStore metadata;
    private final BlobIngest ingest;
    private final VersionIds versionIds;
    private final Clock clock;

    /** What a write left behind: the version (or marker) it made, if any, and the bucket as it was then. */
    public record Outcome(Optional<ObjectVersion> version, Optional<ObjectVersion> removed, BucketRecord bucket) {}

    public ObjectWriter(MetadataStore metadata, BlobIngest ingest, VersionIds versionIds, Clock clock)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.ingest = requireNonNull(ingest, "ingest is null");
        this.versionIds = requireNonNull(versionIds, "versionIds is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Outcome publish(String bucket, NewObject object)
    {
        return publish(bucket, object, transaction -> List.of());
    }

    /**
     * Makes {@code object} the latest version of its key. {@code alongside} runs in the same
     * transaction (CompleteMultipartUpload removes its upload there) and returns further segments
     * to delete once committed.
     */
    public Outcome publish(String bucket, NewObject object, Function<MetadataTransaction, List<Segment>> alongside)
    {
        return publish(bucket, object, alongside, true);
    }

    /**
     * Like {@link #publish(String, NewObject, Function)} for an object assembled from blobs that
     * something else still refers to if the transaction fails (the parts of a multipart upload),
     * so they are kept then.
     */
    public Outcome publishAssembled(String bucket, NewObject object, Function<MetadataTransaction, List<Segment>> alongside)
    {
        return publish(bucket, object, alongside, false);
    }

    private Outcome publish(String bucket, NewObject object, Function<MetadataTransaction, List<Segment>> alongside, boolean ownsSegments)
    {
        List<Segment> displaced = new ArrayList<>();
        Outcome outcome;
        try {
            outcome = metadata.write(transaction -> {
                displaced.clear();
                BucketRecord record = bucket(transaction, bucket);
                displaced.addAll(alongside.apply(transaction));
                String versionId = newVersionId(record);
                Optional<ObjectVersion> replaced = replacedNullVersion(transaction, record, object.key());
                replaced.ifPresent(version -> displaced.addAll(version.segments()));
                Instant created = now();
                NewObject locked = object.withAttributes(DefaultRetentions.apply(record, object.attributes(), created));
                ObjectVersion stored = transaction.putVersion(locked.toVersion(bucket, versionId, created));
                transaction.setLatest(bucket, object.key(), Optional.of(versionId));
                return new Outcome(Optional.of(stored), replaced, record);
            });
        }
        catch (RuntimeException e) {
            if (ownsSegments) {
                object.segments().forEach(segment -> ingest.delete(segment.blobId()));
            }
            throw e;
        }
        displaced.forEach(segment -> ingest.delete(segment.blobId()));
        return outcome;
    }

    /** DeleteObject without a version id: a delete marker in a versioned bucket, removal of the "null" version otherwise. */
    public Outcome deleteLatest(String bucket, String key, String ownerAccountId)
    {
        List<Segment> displaced = new ArrayList<>();
        Outcome outcome = metadata.write(transaction -> {
            displaced.clear();
            return deleteLatest(transaction, bucket(transaction, bucket), key, ownerAccountId, displaced);
        });
        displaced.forEach(segment -> ingest.delete(segment.blobId()));
        return outcome;
    }

    /**
     * What {@link #deleteLatest(String, String, String)} does, inside the caller's transaction
     * (lifecycle expiration); the segments no longer referenced are added to {@code displaced},
     * for the caller to delete once the transaction committed.
     */
    public Outcome deleteLatest(MetadataTransaction transaction, BucketRecord record, String key, String ownerAccountId, List<Segment> displaced)
    {
        String bucket = record.name();
        if (record.versioning().isEmpty()) {
            Optional<ObjectVersion> removed = transaction.deleteVersion(bucket, key, ObjectVersion.NULL_VERSION);
            removed.ifPresent(version -> displaced.addAll(version.segments()));
            return new Outcome(Optional.empty(), removed, record);
        }
        String versionId = newVersionId(record);
        Optional<ObjectVersion> replaced = replacedNullVersion(transaction, record, key);
        replaced.ifPresent(version -> displaced.addAll(version.segments()));
        ObjectVersion marker = new ObjectVersion(bucket, key, versionId, 0, true, true, 0, "", now(), StorageClasses.STANDARD,
                ownerAccountId, List.of(), Map.of());
        ObjectVersion stored = transaction.putVersion(marker);
        transaction.setLatest(bucket, key, Optional.of(versionId));
        return new Outcome(Optional.of(stored), replaced, record);
    }

    /** DeleteObject with a version id: removes that version for good; the next newest becomes latest. */
    public Outcome deleteVersion(String bucket, String key, String versionId)
    {
        return deleteVersion(bucket, key, versionId, version -> true);
    }

    /**
     * Like {@link #deleteVersion(String, String, String)}, but only when {@code allowed} accepts
     * the version as it is inside the transaction (object lock; it may also throw to refuse).
     */
    public Outcome deleteVersion(String bucket, String key, String versionId, Predicate<ObjectVersion> allowed)
    {
        Outcome outcome = metadata.write(transaction -> {
            BucketRecord record = bucket(transaction, bucket);
            Optional<ObjectVersion> existing = transaction.version(bucket, key, versionId);
            if (existing.isEmpty() || !allowed.test(existing.get())) {
                return new Outcome(Optional.empty(), Optional.empty(), record);
            }
            Optional<ObjectVersion> removed = transaction.deleteVersion(bucket, key, versionId);
            if (removed.isPresent() && removed.get().latest()) {
                Optional<String> next = transaction.versions(bucket, key, Optional.empty(), Optional.empty(), 1).stream()
                        .filter(version -> version.key().equals(key))
                        .map(ObjectVersion::versionId)
                        .findFirst();
                transaction.setLatest(bucket, key, next);
            }
            return new Outcome(Optional.empty(), removed, record);
        });
        outcome.removed().ifPresent(version -> version.segments().forEach(segment -> ingest.delete(segment.blobId())));
        return outcome;
    }

    /**
     * Replaces the attributes or storage class of one existing object version (tagging,
     * restore), read and written in one transaction so concurrent updates are not lost.
     */
    public ObjectVersion update(String bucket, String key, Optional<String> versionId, UnaryOperator<ObjectVersion> change)
    {
        return metadata.write(transaction -> {
            bucket(transaction, bucket);
            ObjectVersion current = versionId.map(id -> transaction.version(bucket, key, id)
                            .orElseThrow(() -> S3Errors.NO_SUCH_VERSION.exception().with("Key", key).with("VersionId", id)))
                    .orElseGet(() -> transaction.latest(bucket, key).orElseThrow(() -> ObjectLookup.noSuchKey(key)));
            if (current.deleteMarker()) {
                throw versionId.isPresent() ? S3Errors.METHOD_NOT_ALLOWED.exception() : ObjectLookup.noSuchKey(key);
            }
            ObjectVersion changed = change.apply(current);
            transaction.updateVersion(changed);
            return changed;
        });
    }

    private String newVersionId(BucketRecord bucket)
    {
        return bucket.versioning().filter("Enabled"::equals).isPresent() ? versionIds.next() : ObjectVersion.NULL_VERSION;
    }

    /** In a bucket not Enabled, a write replaces the "null" version wherever it is in the key's history. */
    private static Optional<ObjectVersion> replacedNullVersion(MetadataTransaction transaction, BucketRecord bucket, String key)
    {
        if (bucket.versioning().filter("Enabled"::equals).isPresent()) {
            return Optional.empty();
        }
        return transaction.version(bucket.name(), key, ObjectVersion.NULL_VERSION);
    }

    private static BucketRecord bucket(MetadataTransaction transaction, String bucket)
    {
        return transaction.bucket(bucket).orElseThrow(() -> S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", bucket));
    }

    private Instant now()
    {
        return Timestamps.lastModified(clock.instant());
    }
}
