package dev.tarn.s3.lifecycle;

import static java.util.Objects.requireNonNull;

/**
 * One thing a rule found due, planned from a snapshot and applied later in a transaction that
 * re-reads the version (by its store sequence, so a version overwritten meanwhile is left alone).
 */
sealed interface LifecycleAction
{
    String key();

    String ruleId();

    /** The current version expires: a delete marker in a versioned bucket, removal otherwise. */
    record ExpireCurrent(String key, String versionId, long sequence, String ruleId)
            implements LifecycleAction
    {
        public ExpireCurrent
        {
            requireNonNull(key, "key is null");
        }
    }

    /** A noncurrent version (or delete marker) is removed for good. */
    record RemoveNoncurrent(String key, String versionId, long sequence, String ruleId)
            implements LifecycleAction {}

    /** A delete marker that is the only thing left of its key is removed. */
    record RemoveExpiredMarker(String key, String versionId, long sequence, String ruleId)
            implements LifecycleAction {}

    record Transition(String key, String versionId, long sequence, String storageClass, String ruleId)
            implements LifecycleAction {}

    record AbortUpload(String key, String uploadId, String ruleId)
            implements LifecycleAction {}
}
