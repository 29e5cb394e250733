package dev.tarn.s3.lifecycle;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.lock.VersionLock;
import dev.tarn.s3.object.ObjectWriter;
import dev.tarn.storage.blob.BlobId;
import dev.tarn.storage.blob.BlobStore;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.PartRecord;
import dev.tarn.storage.meta.Segment;
import dev.tarn.storage.meta.StoredDocument;
import dev.tarn.storage.meta.UploadRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Applies lifecycle rules: one pass reads every bucket that has a configuration (from the
 * stored state alone, so a restart loses nothing), plans from a snapshot what is due at the
 * pass's instant, and applies the plan in batched transactions that re-check each version.
 * As with every delete, metadata commits first and blobs are deleted after; a crash in between
 * leaves unreferenced blobs the start-up sweep removes. Locked versions are never removed.
 */
public final class LifecycleExecutor
{
    private static final Logger log = LoggerFactory.getLogger(LifecycleExecutor.class);
    private static final int PAGE = 1000;
    private static final int BATCH = 500;

    private final MetadataStore metadata;
    private final ObjectWriter writer;
    private final BlobStore blobs;
    private final LifecycleConfigurations configurations;
    private final LifecycleDay day;
    private final LifecycleLog events;
    private final Clock clock;

    /** What one pass did. */
    public record Summary(int buckets, int expired, int removedNoncurrent, int removedMarkers, int transitioned, int abortedUploads, int keptLocked)
    {
        public int actions()
        {
            return expired + removedNoncurrent + removedMarkers + transitioned + abortedUploads;
        }
    }

    public LifecycleExecutor(MetadataStore metadata, ObjectWriter writer, BlobStore blobs, LifecycleConfigurations configurations, LifecycleDay day,
            LifecycleLog events, Clock clock)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.blobs = requireNonNull(blobs, "blobs is null");
        this.configurations = requireNonNull(configurations, "configurations is null");
        this.day = requireNonNull(day, "day is null");
        this.events = requireNonNull(events, "events is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public LifecycleDay day()
    {
        return day;
    }

    /** One pass over every bucket with a lifecycle configuration, as of now. */
    public Summary runOnce()
    {
        Instant now = clock.instant();
        Counts counts = new Counts();
        Optional<String> after = Optional.empty();
        while (true) {
            Optional<String> from = after;
            List<StoredDocument> page = metadata.read(reader -> reader.documents(LifecycleConfigurations.INDEX, "", from, PAGE));
            for (StoredDocument entry : page) {
                runBucket(entry.id(), now, counts);
            }
            if (page.size() < PAGE) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
        return counts.summary();
    }

    private void runBucket(String name, Instant now, Counts counts)
    {
        Optional<BucketRecord> bucket = metadata.read(reader -> reader.bucket(name));
        List<LifecycleRule> rules = bucket.map(configurations::rules).orElse(List.of()).stream().filter(LifecycleRule::enabled).toList();
        if (bucket.isEmpty() || bucket.get().configuration(LifecycleConfigurations.CONFIGURATION).isEmpty()) {
            // the bucket (or its configuration) is gone: the index entry goes too
            metadata.write(transaction -> transaction.bucket(name)
                    .filter(record -> record.configuration(LifecycleConfigurations.CONFIGURATION).isPresent())
                    .isPresent() || transaction.deleteDocument(LifecycleConfigurations.INDEX, name));
            return;
        }
        counts.buckets++;
        if (rules.isEmpty()) {
            return;
        }
        List<LifecycleAction> pending = new ArrayList<>();
        planVersions(name, rules, now, pending, counts);
        planUploads(name, rules, now, pending, counts);
        apply(name, pending, now, counts);
    }

    private void planVersions(String bucket, List<LifecycleRule> rules, Instant now, List<LifecycleAction> pending, Counts counts)
    {
        Optional<String> keyMarker = Optional.empty();
        Optional<String> versionMarker = Optional.empty();
        List<ObjectVersion> group = new ArrayList<>();
        while (true) {
            Optional<String> key = keyMarker;
            Optional<String> version = versionMarker;
            List<ObjectVersion> page = metadata.read(reader -> reader.versions(bucket, "", key, version, PAGE));
            for (ObjectVersion entry : page) {
                if (!group.isEmpty() && !group.get(0).key().equals(entry.key())) {
                    planKey(rules, group, now, pending);
                    group.clear();
                    if (pending.size() >= BATCH) {
                        apply(bucket, pending, now, counts);
                    }
                }
                group.add(entry);
            }
            if (page.size() < PAGE) {
                break;
            }
            ObjectVersion last = page.get(page.size() - 1);
            keyMarker = Optional.of(last.key());
            versionMarker = Optional.of(last.versionId());
        }
        if (!group.isEmpty()) {
            planKey(rules, group, now, pending);
        }
    }

    /** The actions due for one key, from its versions newest first. */
    static void planKey(List<LifecycleRule> rules, List<ObjectVersion> versions, Instant now, LifecycleDay day, List<LifecycleAction> pending)
    {
        ObjectVersion current = versions.get(0);
        String key = current.key();
        if (!current.deleteMarker()) {
            planCurrent(rules, current, now, day, pending);
        }
        int removed = 0;
        for (int i = 1; i < versions.size(); i++) {
            ObjectVersion version = versions.get(i);
            // a version became noncurrent when the next newer one was written
            Instant noncurrentSince = versions.get(i - 1).lastModified();
            int newer = i - 1;
            Optional<LifecycleAction> action = planNoncurrent(rules, version, noncurrentSince, newer, now, day);
            action.ifPresent(pending::add);
            if (action.filter(LifecycleAction.RemoveNoncurrent.class::isInstance).isPresent()) {
                removed++;
            }
        }
        if (current.deleteMarker() && removed == versions.size() - 1) {
            rules.stream()
                    .filter(rule -> rule.expiration().filter(LifecycleRule.Expiration::expiredObjectDeleteMarker).isPresent())
                    .filter(rule -> rule.filter().matchesKeyOnly(key))
                    .findFirst()
                    .ifPresent(rule -> pending.add(new LifecycleAction.RemoveExpiredMarker(key, current.versionId(), current.sequence(), rule.id())));
        }
    }

    private void planKey(List<LifecycleRule> rules, List<ObjectVersion> versions, Instant now, List<LifecycleAction> pending)
    {
        planKey(rules, versions, now, day, pending);
    }

    private static void planCurrent(List<LifecycleRule> rules, ObjectVersion current, Instant now, LifecycleDay day, List<LifecycleAction> pending)
    {
        Map<String, String> tags = ObjectTags.of(current);
        List<LifecycleRule> matching = rules.stream().filter(rule -> rule.filter().matches(current.key(), tags, current.size())).toList();
        for (LifecycleRule rule : matching) {
            Optional<Instant> expiry = rule.expiration().flatMap(expiration -> expiry(expiration, current.lastModified(), day));
            if (expiry.filter(at -> !at.isAfter(now)).isPresent()) {
                pending.add(new LifecycleAction.ExpireCurrent(current.key(), current.versionId(), current.sequence(), rule.id()));
                return;
            }
        }
        String target = current.storageClass();
        String ruleId = "";
        for (LifecycleRule rule : matching) {
            for (LifecycleRule.Transition transition : rule.transitions()) {
                Instant due = transition.date().orElseGet(() -> day.due(current.lastModified(), transition.days().orElseThrow()));
                if (!due.isAfter(now) && StorageClassOrder.colder(transition.storageClass(), target)) {
                    target = transition.storageClass();
                    ruleId = rule.id();
                }
            }
        }
        if (!target.equals(current.storageClass())) {
            pending.add(new LifecycleAction.Transition(current.key(), current.versionId(), current.sequence(), target, ruleId));
        }
    }

    private static Optional<LifecycleAction> planNoncurrent(List<LifecycleRule> rules, ObjectVersion version, Instant since, int newer, Instant now,
            LifecycleDay day)
    {
        Map<String, String> tags = ObjectTags.of(version);
        List<LifecycleRule> matching = rules.stream()
                .filter(rule -> version.deleteMarker() ? rule.filter().matchesKeyOnly(version.key()) : rule.filter().matches(version.key(), tags, version.size()))
                .toList();
        for (LifecycleRule rule : matching) {
            Optional<LifecycleRule.NoncurrentExpiration> expiration = rule.noncurrentExpiration()
                    .filter(value -> value.newerVersions().map(keep -> newer >= keep).orElse(true))
                    .filter(value -> !day.due(since, value.days()).isAfter(now));
            if (expiration.isPresent()) {
                return Optional.of(new LifecycleAction.RemoveNoncurrent(version.key(), version.versionId(), version.sequence(), rule.id()));
            }
        }
        if (version.deleteMarker()) {
            return Optional.empty();
        }
        String target = version.storageClass();
        String ruleId = "";
        for (LifecycleRule rule : matching) {
            for (LifecycleRule.NoncurrentTransition transition : rule.noncurrentTransitions()) {
                boolean kept = transition.newerVersions().map(keep -> newer < keep).orElse(false);
                if (!kept && !day.due(since, transition.days()).isAfter(now) && StorageClassOrder.colder(transition.storageClass(), target)) {
                    target = transition.storageClass();
                    ruleId = rule.id();
                }
            }
        }
        if (target.equals(version.storageClass())) {
            return Optional.empty();
        }
        return Optional.of(new LifecycleAction.Transition(version.key(), version.versionId(), version.sequence(), target, ruleId));
    }

    /** When an expiration makes a current version written at {@code lastModified} expire; none for the delete-marker cleanup. */
    static Optional<Instant> expiry(LifecycleRule.Expiration expiration, Instant lastModified, LifecycleDay day)
    {
        if (expiration.date().isPresent()) {
            return expiration.date();
        }
        return expiration.days().map(days -> day.due(lastModified, days));
    }

    private void planUploads(String bucket, List<LifecycleRule> rules, Instant now, List<LifecycleAction> pending, Counts counts)
    {
        List<LifecycleRule> aborting = rules.stream().filter(rule -> rule.abortIncompleteUploadDays().isPresent()).toList();
        if (aborting.isEmpty()) {
            return;
        }
        Optional<String> keyMarker = Optional.empty();
        Optional<String> uploadMarker = Optional.empty();
        while (true) {
            Optional<String> key = keyMarker;
            Optional<String> upload = uploadMarker;
            List<UploadRecord> page = metadata.read(reader -> reader.uploads(bucket, "", key, upload, PAGE));
            for (UploadRecord record : page) {
                aborting.stream()
                        .filter(rule -> record.key().startsWith(rule.filter().prefix()))
                        .filter(rule -> !day.due(record.initiated(), rule.abortIncompleteUploadDays().orElseThrow()).isAfter(now))
                        .findFirst()
                        .ifPresent(rule -> pending.add(new LifecycleAction.AbortUpload(record.key(), record.uploadId(), rule.id())));
            }
            if (pending.size() >= BATCH) {
                apply(bucket, pending, now, counts);
            }
            if (page.size() < PAGE) {
                return;
            }
            UploadRecord last = page.get(page.size() - 1);
            keyMarker = Optional.of(last.key());
            uploadMarker = Optional.of(last.uploadId());
        }
    }

    /** Applies and clears {@code pending} in one transaction; then deletes the blobs it freed and logs what it did. */
    private void apply(String bucket, List<LifecycleAction> pending, Instant now, Counts counts)
    {
        if (pending.isEmpty()) {
            return;
        }
        List<Segment> freed = new ArrayList<>();
        List<BlobId> freedParts = new ArrayList<>();
        Counts batch = new Counts();
        List<LifecycleEvent> done = metadata.write(transaction -> {
            freed.clear();
            freedParts.clear();
            batch.reset();
            Optional<BucketRecord> record = transaction.bucket(bucket);
            if (record.isEmpty()) {
                return List.<LifecycleEvent>of();
            }
            List<LifecycleEvent> applied = new ArrayList<>();
            for (LifecycleAction action : pending) {
                applyOne(transaction, record.get(), action, now, freed, freedParts, batch).ifPresent(applied::add);
            }
            return applied;
        });
        pending.clear();
        counts.add(batch);
        freed.forEach(segment -> deleteBlob(segment.blobId()));
        freedParts.forEach(this::deleteBlob);
        events.record(done);
    }

    private Optional<LifecycleEvent> applyOne(MetadataTransaction transaction, BucketRecord bucket, LifecycleAction action, Instant now, List<Segment> freed,
            List<BlobId> freedParts, Counts counts)
    {
        String name = bucket.name();
        if (action instanceof LifecycleAction.ExpireCurrent expire) {
            Optional<ObjectVersion> latest = transaction.latest(name, expire.key()).filter(version -> version.sequence() == expire.sequence());
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            ObjectWriter.Outcome outcome = writer.deleteLatest(transaction, bucket, expire.key(), bucket.ownerAccountId(), freed);
            counts.expired++;
            return Optional.of(event(now, name, action, expire.versionId(), "expire-current", outcome.version().map(ObjectVersion::versionId)));
        }
        if (action instanceof LifecycleAction.RemoveNoncurrent remove) {
            Optional<ObjectVersion> version = transaction.version(name, remove.key(), remove.versionId())
                    .filter(found -> found.sequence() == remove.sequence() && !found.latest());
            if (version.isEmpty()) {
                return Optional.empty();
            }
            if (VersionLock.of(version.get()).blocksDeletion(now, false)) {
                counts.keptLocked++;
                return Optional.empty();
            }
            transaction.deleteVersion(name, remove.key(), remove.versionId());
            freed.addAll(version.get().segments());
            counts.removedNoncurrent++;
            return Optional.of(event(now, name, action, remove.versionId(), "remove-noncurrent", Optional.empty()));
        }
        if (action instanceof LifecycleAction.RemoveExpiredMarker marker) {
            Optional<ObjectVersion> version = transaction.version(name, marker.key(), marker.versionId())
                    .filter(found -> found.sequence() == marker.sequence() && found.latest() && found.deleteMarker());
            boolean alone = transaction.versions(name, marker.key(), Optional.empty(), Optional.empty(), 2).stream()
                    .filter(found -> found.key().equals(marker.key()))
                    .count() == 1;
            if (version.isEmpty() || !alone) {
                return Optional.empty();
            }
            transaction.deleteVersion(name, marker.key(), marker.versionId());
            counts.removedMarkers++;
            return Optional.of(event(now, name, action, marker.versionId(), "remove-expired-delete-marker", Optional.empty()));
        }
        if (action instanceof LifecycleAction.Transition transition) {
            Optional<ObjectVersion> version = transaction.version(name, transition.key(), transition.versionId())
                    .filter(found -> found.sequence() == transition.sequence() && StorageClassOrder.colder(transition.storageClass(), found.storageClass()));
            if (version.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> attributes = new HashMap<>(version.get().attributes());
            // a restored copy belongs to the old class; the object starts its new class unrestored
            attributes.remove(ObjectAttributes.RESTORE);
            attributes.remove(ObjectAttributes.RESTORE_READY_AT);
            transaction.updateVersion(version.get().withStorageClass(transition.storageClass()).withAttributes(attributes));
            counts.transitioned++;
            return Optional.of(event(now, name, action, transition.versionId(), "transition", Optional.of(transition.storageClass())));
        }
        LifecycleAction.AbortUpload abort = (LifecycleAction.AbortUpload) action;
        if (transaction.upload(abort.uploadId()).isEmpty()) {
            return Optional.empty();
        }
        int after = 0;
        while (true) {
            List<PartRecord> parts = transaction.parts(abort.uploadId(), after, PAGE);
            parts.forEach(part -> freedParts.add(part.segment().blobId()));
            if (parts.size() < PAGE) {
                break;
            }
            after = parts.get(parts.size() - 1).partNumber();
        }
        transaction.deleteUpload(abort.uploadId());
        counts.abortedUploads++;
        return Optional.of(event(now, name, action, abort.uploadId(), "abort-upload", Optional.empty()));
    }

    private static LifecycleEvent event(Instant now, String bucket, LifecycleAction action, String versionId, String what, Optional<String> result)
    {
        return new LifecycleEvent(now, bucket, action.key(), versionId, what, action.ruleId(), result);
    }

    private void deleteBlob(BlobId id)
    {
        try {
            blobs.delete(id);
        }
        catch (IOException e) {
            // no longer referenced: the start-up sweep of unreferenced blobs removes it
            log.debug("Could not delete blob {} freed by lifecycle", id, e);
        }
    }

    /** Mutable tallies of one pass, confined to the thread running it. */
    private static final class Counts
    {
        int buckets;
        int expired;
        int removedNoncurrent;
        int removedMarkers;
        int transitioned;
        int abortedUploads;
        int keptLocked;

        void reset()
        {
            expired = 0;
            removedNoncurrent = 0;
            removedMarkers = 0;
            transitioned = 0;
            abortedUploads = 0;
            keptLocked = 0;
        }

        void add(Counts other)
        {
            expired += other.expired;
            removedNoncurrent += other.removedNoncurrent;
            removedMarkers += other.removedMarkers;
            transitioned += other.transitioned;
            abortedUploads += other.abortedUploads;
            keptLocked += other.keptLocked;
        }

        Summary summary()
        {
            return new Summary(buckets, expired, removedNoncurrent, removedMarkers, transitioned, abortedUploads, keptLocked);
        }
    }
}
