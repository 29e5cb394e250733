package dev.tarn.s3.lock;

import dev.tarn.storage.meta.BucketRecord;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The bucket's default retention, given to a new version that does not name a retention of its own. */
public final class DefaultRetentions
{
    private DefaultRetentions() {}

    /** {@code attributes} of a version created at {@code created} in {@code bucket}, with the default retention when it applies. */
    public static Map<String, String> apply(BucketRecord bucket, Map<String, String> attributes, Instant created)
    {
        Optional<BucketObjectLock.DefaultRetention> defaults = BucketObjectLock.of(bucket).flatMap(BucketObjectLock::defaultRetention);
        VersionLock lock = VersionLock.of(attributes);
        if (defaults.isEmpty() || lock.retention().isPresent()) {
            return attributes;
        }
        return lock.withRetention(Optional.of(defaults.get().from(created))).applyTo(attributes);
    }
}
