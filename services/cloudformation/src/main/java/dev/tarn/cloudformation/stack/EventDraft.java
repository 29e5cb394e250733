package dev.tarn.cloudformation.stack;

import java.time.Instant;
import java.util.Optional;

/** An event about to be recorded; the store gives it its id. */
public record EventDraft(String logicalResourceId, Optional<String> physicalResourceId, String resourceType, Instant timestamp, String status,
        Optional<String> reason, Optional<String> properties)
{
    /** An event about the stack itself. */
    public static EventDraft stack(StackRecord stack, Instant now, StackStatus status, Optional<String> reason)
    {
        return new EventDraft(stack.stackName(), Optional.of(stack.stackId()), "AWS::CloudFormation::Stack", now, status.name(), reason, Optional.empty());
    }

    public static EventDraft resource(ResourceState resource)
    {
        return new EventDraft(resource.logicalId(), resource.physicalId(), resource.type(), resource.timestamp(), resource.status().name(),
                resource.statusReason(), Optional.of(resource.properties().toString()));
    }

    StackEvent toEvent(StackRecord stack, String eventId)
    {
        return new StackEvent(stack.stackId(), eventId, stack.stackName(), logicalResourceId, physicalResourceId, resourceType, timestamp, status, reason,
                properties);
    }
}
