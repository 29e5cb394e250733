package dev.tarn.s3.lifecycle;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the scheduler did, one line of the lifecycle log.
 *
 * @param action expire-current, remove-noncurrent, remove-expired-delete-marker, transition or abort-upload
 * @param versionId the version (or upload id) acted on
 * @param result the delete marker created, or the new storage class, when there is one
 */
public record LifecycleEvent(Instant time, String bucket, String key, String versionId, String action, String ruleId, Optional<String> result)
{
    public LifecycleEvent
    {
        requireNonNull(time, "time is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(versionId, "versionId is null");
        requireNonNull(action, "action is null");
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(result, "result is null");
    }
}
