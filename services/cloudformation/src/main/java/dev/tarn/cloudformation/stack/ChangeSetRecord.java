package dev.tarn.cloudformation.stack;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A proposed stack operation, computed when the change set is created and run when it is
 * executed.
 *
 * @param changeSetType CREATE (for a stack in REVIEW_IN_PROGRESS) or UPDATE
 * @param status CREATE_COMPLETE or FAILED
 * @param executionStatus AVAILABLE, UNAVAILABLE, EXECUTE_IN_PROGRESS, EXECUTE_COMPLETE, OBSOLETE
 */
public record ChangeSetRecord(String changeSetId, String changeSetName, String stackId, String stackName, String changeSetType, String status,
        String executionStatus, Optional<String> statusReason, Optional<String> description, String templateBody, Map<String, String> parameters,
        List<StackTag> tags, List<String> capabilities, Optional<String> roleArn, List<ResourceChange> changes, Instant creationTime)
{
    public ChangeSetRecord
    {
        requireNonNull(changeSetId, "changeSetId is null");
        requireNonNull(changeSetName, "changeSetName is null");
        requireNonNull(stackId, "stackId is null");
        requireNonNull(stackName, "stackName is null");
        requireNonNull(changeSetType, "changeSetType is null");
        requireNonNull(status, "status is null");
        requireNonNull(executionStatus, "executionStatus is null");
        requireNonNull(statusReason, "statusReason is null");
        requireNonNull(description, "description is null");
        requireNonNull(templateBody, "templateBody is null");
        parameters = Map.copyOf(parameters);
        tags = List.copyOf(tags);
        capabilities = List.copyOf(capabilities);
        requireNonNull(roleArn, "roleArn is null");
        changes = List.copyOf(changes);
        requireNonNull(creationTime, "creationTime is null");
    }

    public ChangeSetRecord withExecutionStatus(String newExecutionStatus)
    {
        return new ChangeSetRecord(changeSetId, changeSetName, stackId, stackName, changeSetType, status, newExecutionStatus, statusReason, description,
                templateBody, parameters, tags, capabilities, roleArn, changes, creationTime);
    }

    /** One resource the change set would add, modify or remove. */
    public record ResourceChange(String action, String logicalResourceId, Optional<String> physicalResourceId, String resourceType,
            Optional<String> replacement)
    {
        public ResourceChange
        {
            requireNonNull(action, "action is null");
            requireNonNull(logicalResourceId, "logicalResourceId is null");
            requireNonNull(physicalResourceId, "physicalResourceId is null");
            requireNonNull(resourceType, "resourceType is null");
            requireNonNull(replacement, "replacement is null");
        }
    }
}
