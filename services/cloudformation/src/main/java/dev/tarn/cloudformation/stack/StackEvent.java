package dev.tarn.cloudformation.stack;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One line of a stack's history: a stack or resource status change. */
public record StackEvent(String stackId, String eventId, String stackName, String logicalResourceId, Optional<String> physicalResourceId,
        String resourceType, Instant timestamp, String resourceStatus, Optional<String> resourceStatusReason, Optional<String> resourceProperties)
{
    public StackEvent
    {
        requireNonNull(stackId, "stackId is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(stackName, "stackName is null");
        requireNonNull(logicalResourceId, "logicalResourceId is null");
        requireNonNull(physicalResourceId, "physicalResourceId is null");
        requireNonNull(resourceType, "resourceType is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(resourceStatus, "resourceStatus is null");
        requireNonNull(resourceStatusReason, "resourceStatusReason is null");
        requireNonNull(resourceProperties, "resourceProperties is null");
    }
}
