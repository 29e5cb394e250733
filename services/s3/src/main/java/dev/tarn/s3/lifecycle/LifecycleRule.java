package dev.tarn.s3.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One validated lifecycle rule: its filter and the actions it takes. */
public record LifecycleRule(
        String id,
        boolean enabled,
        RuleFilter filter,
        Optional<Expiration> expiration,
        List<Transition> transitions,
        Optional<NoncurrentExpiration> noncurrentExpiration,
        List<NoncurrentTransition> noncurrentTransitions,
        Optional<Integer> abortIncompleteUploadDays)
{
    /** Current versions expire after {@code days} or on {@code date}; or expired delete markers are removed. */
    public record Expiration(Optional<Integer> days, Optional<Instant> date, boolean expiredObjectDeleteMarker) {}

    public record Transition(Optional<Integer> days, Optional<Instant> date, String storageClass) {}

    /** Noncurrent versions are removed {@code days} after they became noncurrent, keeping the {@code newerVersions} newest. */
    public record NoncurrentExpiration(int days, Optional<Integer> newerVersions) {}

    public record NoncurrentTransition(int days, Optional<Integer> newerVersions, String storageClass) {}

    public LifecycleRule
    {
        requireNonNull(id, "id is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(expiration, "expiration is null");
        transitions = List.copyOf(transitions);
        requireNonNull(noncurrentExpiration, "noncurrentExpiration is null");
        noncurrentTransitions = List.copyOf(noncurrentTransitions);
        requireNonNull(abortIncompleteUploadDays, "abortIncompleteUploadDays is null");
    }
}
