package dev.tarn.cloudformation.stack;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A stack as stored: what it was made from (template, parameter values, options), where it
 * stands, and its resources.
 *
 * @param parameters the parameter values in force (lists comma-joined)
 * @param noEchoParameters parameters whose values are never shown
 * @param imports the exports of other stacks this stack's template imports
 * @param caller the principal the stack's operations act as
 * @param nextEvent the sequence number of the stack's next event
 */
public record StackRecord(String stackId, String stackName, String accountId, String region, StackStatus status, Optional<String> statusReason,
        Optional<String> description, String templateBody, Map<String, String> parameters, Set<String> noEchoParameters, List<StackTag> tags,
        String onFailure, Optional<String> roleArn, List<String> capabilities, Instant creationTime, Optional<Instant> lastUpdatedTime,
        Optional<Instant> deletionTime, Map<String, ResourceState> resources, List<StackOutput> outputs, List<String> imports, StoredCaller caller,
        Optional<String> changeSetId, long nextEvent)
{
    public StackRecord
    {
        requireNonNull(stackId, "stackId is null");
        requireNonNull(stackName, "stackName is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(status, "status is null");
        requireNonNull(statusReason, "statusReason is null");
        requireNonNull(description, "description is null");
        requireNonNull(templateBody, "templateBody is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        noEchoParameters = Set.copyOf(noEchoParameters);
        tags = List.copyOf(tags);
        requireNonNull(onFailure, "onFailure is null");
        requireNonNull(roleArn, "roleArn is null");
        capabilities = List.copyOf(capabilities);
        requireNonNull(creationTime, "creationTime is null");
        requireNonNull(lastUpdatedTime, "lastUpdatedTime is null");
        requireNonNull(deletionTime, "deletionTime is null");
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        outputs = List.copyOf(outputs);
        imports = List.copyOf(imports);
        requireNonNull(caller, "caller is null");
        requireNonNull(changeSetId, "changeSetId is null");
    }

    public StackRecord withStatus(StackStatus newStatus, Optional<String> reason)
    {
        return new StackRecord(stackId, stackName, accountId, region, newStatus, reason, description, templateBody, parameters, noEchoParameters, tags,
                onFailure, roleArn, capabilities, creationTime, lastUpdatedTime, deletionTime, resources, outputs, imports, caller, changeSetId, nextEvent);
    }

    public StackRecord withResource(ResourceState resource)
    {
        Map<String, ResourceState> copy = new LinkedHashMap<>(resources);
        copy.put(resource.logicalId(), resource);
        return new StackRecord(stackId, stackName, accountId, region, status, statusReason, description, templateBody, parameters, noEchoParameters, tags,
                onFailure, roleArn, capabilities, creationTime, lastUpdatedTime, deletionTime, copy, outputs, imports, caller, changeSetId, nextEvent);
    }

    public StackRecord withResources(Map<String, ResourceState> newResources)
    {
        return new StackRecord(stackId, stackName, accountId, region, status, statusReason, description, templateBody, parameters, noEchoParameters, tags,
                onFailure, roleArn, capabilities, creationTime, lastUpdatedTime, deletionTime, newResources, outputs, imports, caller, changeSetId, nextEvent);
    }

    public StackRecord withOutputs(List<StackOutput> newOutputs)
    {
        return new StackRecord(stackId, stackName, accountId, region, status, statusReason, description, templateBody, parameters, noEchoParameters, tags,
                onFailure, roleArn, capabilities, creationTime, lastUpdatedTime, deletionTime, resources, newOutputs, imports, caller, changeSetId, nextEvent);
    }

    public StackRecord withDeletionTime(Instant time)
    {
        return new StackRecord(stackId, stackName, accountId, region, status, statusReason, description, templateBody, parameters, noEchoParameters, tags,
                onFailure, roleArn, capabilities, creationTime, lastUpdatedTime, Optional.of(time), resources, outputs, imports, caller, changeSetId,
                nextEvent);
    }

    /** The stack as an update (or its rollback) leaves it: another template, parameters and options. */
    public StackRecord withDefinition(Optional<String> newDescription, String newTemplateBody, Map<String, String> newParameters, Set<String> newNoEcho,
            List<StackTag> newTags, List<String> newCapabilities, Optional<String> newRoleArn, List<String> newImports, StoredCaller newCaller,
            Optional<String> newChangeSetId, Optional<Instant> updated)
    {
        return new StackRecord(stackId, stackName, accountId, region, status, statusReason, newDescription, newTemplateBody, newParameters, newNoEcho,
                newTags, onFailure, newRoleArn, newCapabilities, creationTime, updated, deletionTime, resources, outputs, newImports, newCaller,
                newChangeSetId, nextEvent);
    }

    /** The stack with another principal for its next operation to act as. */
    public StackRecord withCaller(StoredCaller newCaller)
    {
        return new StackRecord(stackId, stackName, accountId, region, status, statusReason, description, templateBody, parameters, noEchoParameters, tags,
                onFailure, roleArn, capabilities, creationTime, lastUpdatedTime, deletionTime, resources, outputs, imports, newCaller, changeSetId, nextEvent);
    }

    StackRecord withNextEvent(long next)
    {
        return new StackRecord(stackId, stackName, accountId, region, status, statusReason, description, templateBody, parameters, noEchoParameters, tags,
                onFailure, roleArn, capabilities, creationTime, lastUpdatedTime, deletionTime, resources, outputs, imports, caller, changeSetId, next);
    }
}
