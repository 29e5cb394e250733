package dev.tarn.cloudformation.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.template.DeletionPolicy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One resource of a stack as it stands.
 *
 * @param properties the properties it was last created or updated with, intrinsics evaluated
 */
public record ResourceState(String logicalId, String type, Optional<String> physicalId, ResourceStatus status, Optional<String> statusReason,
        Instant timestamp, JsonNode properties, Map<String, String> attributes, DeletionPolicy deletionPolicy, DeletionPolicy updateReplacePolicy)
{
    public ResourceState
    {
        requireNonNull(logicalId, "logicalId is null");
        requireNonNull(type, "type is null");
        requireNonNull(physicalId, "physicalId is null");
        requireNonNull(status, "status is null");
        requireNonNull(statusReason, "statusReason is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(properties, "properties is null");
        attributes = Map.copyOf(attributes);
        requireNonNull(deletionPolicy, "deletionPolicy is null");
        requireNonNull(updateReplacePolicy, "updateReplacePolicy is null");
    }

    public ResourceState withStatus(ResourceStatus newStatus, Optional<String> reason, Instant now)
    {
        return new ResourceState(logicalId, type, physicalId, newStatus, reason, now, properties, attributes, deletionPolicy, updateReplacePolicy);
    }

    /** Whether the resource exists (or may exist) and so must be deleted with the stack. */
    public boolean mayExist()
    {
        return physicalId.isPresent() && status != ResourceStatus.DELETE_COMPLETE && status != ResourceStatus.DELETE_SKIPPED;
    }
}
