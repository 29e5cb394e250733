package dev.tarn.cloudformation.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.api.CloudFormationShapes.Change;
import dev.tarn.cloudformation.api.CloudFormationShapes.ChangeSetInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ChangeSetSummary;
import dev.tarn.cloudformation.api.CloudFormationShapes.CreateChangeSetInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.CreateChangeSetOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeChangeSetOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListChangeSetsInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListChangeSetsOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.Parameter;
import dev.tarn.cloudformation.api.CloudFormationShapes.Tag;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.stack.ChangeSetRecord;
import dev.tarn.cloudformation.stack.ChangeSetRecord.ResourceChange;
import dev.tarn.cloudformation.stack.EventDraft;
import dev.tarn.cloudformation.stack.ResourceState;
import dev.tarn.cloudformation.stack.StackPlan;
import dev.tarn.cloudformation.stack.StackPlanner;
import dev.tarn.cloudformation.stack.StackRecord;
import dev.tarn.cloudformation.stack.StackStatus;
import dev.tarn.cloudformation.stack.StackStore;
import dev.tarn.cloudformation.stack.StackTag;
import dev.tarn.cloudformation.stack.StoredCaller;
import dev.tarn.cloudformation.template.DependencyGraph;
import dev.tarn.cloudformation.template.Intrinsics;
import dev.tarn.cloudformation.template.ResourceDeclaration;
import dev.tarn.cloudformation.template.Template;
import dev.tarn.cloudformation.template.TemplateParser;
import dev.tarn.spi.security.RequestContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Change sets, the way {@code aws cloudformation deploy} works: the changes are computed when
 * the change set is created (so it is CREATE_COMPLETE, or FAILED when nothing would change, by
 * the time the call returns), and executing it runs the stack's create or update.
 */
final class ChangeSetApi
{
    static final String NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";
    private static final Pattern CHANGE_SET_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");

    private final StackApi stacks;
    private final StackStore store;
    private final StackPlanner planner;
    private final Clock clock;

    ChangeSetApi(StackApi stacks, StackStore store, StackPlanner planner, Clock clock)
    {
        this.stacks = requireNonNull(stacks, "stacks is null");
        this.store = requireNonNull(store, "store is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    CreateChangeSetOutput createChangeSet(RequestContext context, CreateChangeSetInput input)
    {
        String stackName = StackApi.stackName(input.stackName());
        if (input.changeSetName() == null || !CHANGE_SET_NAME.matcher(input.changeSetName()).matches()) {
            throw CloudFormationErrors.validation("1 validation error detected: Value '" + input.changeSetName() + "' at 'changeSetName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
        }
        String type = Optional.ofNullable(input.changeSetType()).orElse("UPDATE");
        String account = context.caller().accountId();
        Optional<StackRecord> existing = store.find(account, context.region(), stackName);
        stacks.authorize(context, "CreateChangeSet", existing.map(StackRecord::stackId).orElse(StackApi.stackArnPattern(context, stackName)));
        StackRecord stack;
        String body;
        Optional<String> roleArn = Optional.ofNullable(input.roleARN());
        stacks.checkRole(context, input.roleARN());
        switch (type) {
            case "CREATE" -> {
                if (existing.isPresent() && existing.get().status() != StackStatus.REVIEW_IN_PROGRESS) {
                    throw CloudFormationErrors.ALREADY_EXISTS.exception("Stack [" + stackName + "] already exists and cannot be created again with the changeSet ["
                            + input.changeSetName() + "].");
                }
                if (Boolean.TRUE.equals(input.usePreviousTemplate())) {
                    throw CloudFormationErrors.validation("UsePreviousTemplate cannot be used with a CREATE change set.");
                }
                body = TemplateSource.body(input.templateBody(), input.templateURL(), stacks.client(context));
                stack = existing.orElse(null);
            }
            case "UPDATE" -> {
                stack = existing.orElseThrow(() -> CloudFormationErrors.validation("Stack [" + stackName + "] does not exist"));
                if (!stack.status().updatable()) {
                    throw CloudFormationErrors.validation("Stack:" + stack.stackId() + " is in " + stack.status() + " state and can not be updated.");
                }
                body = Boolean.TRUE.equals(input.usePreviousTemplate()) ? stack.templateBody()
                        : TemplateSource.body(input.templateBody(), input.templateURL(), stacks.client(context));
                roleArn = roleArn.or(stack::roleArn);
            }
            default -> throw CloudFormationErrors.validation("ChangeSetType " + type + " is not supported (CREATE or UPDATE)");
        }
        stacks.checkAssumable(context, roleArn);
        String stackId = stack != null ? stack.stackId()
                : "arn:aws:cloudformation:" + context.region() + ":" + account + ":stack/" + stackName + "/" + UUID.randomUUID();
        if (stack != null && findByName(stack, input.changeSetName()).isPresent()) {
            throw CloudFormationErrors.ALREADY_EXISTS.exception("ChangeSet [" + input.changeSetName() + "] already exists");
        }
        List<String> capabilities = StackApi.list(input.capabilities());
        Map<String, String> previousParameters = stack == null ? Map.of() : stack.parameters();
        StackPlan plan = planner.plan(body, StackApi.givenParameters(input.parameters(), previousParameters), stackId, stackName, context.region(), account,
                capabilities);
        List<StackTag> tags = input.tags() == null && stack != null ? stack.tags() : StackApi.tags(input.tags());
        if (stack == null) {
            StackRecord review = new StackRecord(stackId, stackName, account, context.region(), StackStatus.REVIEW_IN_PROGRESS,
                    Optional.of("User Initiated"), plan.template().description(), "", Map.of(), Set.of(), tags, "ROLLBACK", roleArn, capabilities,
                    clock.instant(), Optional.empty(), Optional.empty(), Map.of(), List.of(), List.of(), StoredCaller.of(context), Optional.empty(), 0);
            stack = store.create(review, List.of(EventDraft.stack(review, clock.instant(), StackStatus.REVIEW_IN_PROGRESS, Optional.of("User Initiated"))));
        }
        List<ResourceChange> changes = type.equals("CREATE") ? additions(plan) : changes(stack, plan);
        boolean nothing = type.equals("UPDATE") && changes.isEmpty() && body.equals(stack.templateBody()) && plan.parameters().equals(stack.parameters())
                && tags.equals(stack.tags());
        String changeSetId = "arn:aws:cloudformation:" + context.region() + ":" + account + ":changeSet/" + input.changeSetName() + "/" + UUID.randomUUID();
        store.putChangeSet(new ChangeSetRecord(changeSetId, input.changeSetName(), stackId, stackName, type, nothing ? "FAILED" : "CREATE_COMPLETE",
                nothing ? "UNAVAILABLE" : "AVAILABLE", nothing ? Optional.of(NO_CHANGES) : Optional.empty(), Optional.ofNullable(input.description()), body,
                plan.parameters(), tags, capabilities, roleArn, changes, clock.instant()));
        return new CreateChangeSetOutput(changeSetId, stackId);
    }

    DescribeChangeSetOutput describeChangeSet(RequestContext context, ChangeSetInput input)
    {
        ChangeSetRecord changeSet = find(context, input);
        stacks.authorize(context, "DescribeChangeSet", changeSet.stackId());
        List<Parameter> parameters = new ArrayList<>();
        changeSet.parameters().forEach((key, value) -> parameters.add(new Parameter(key, value, null, null)));
        List<Change> changes = changeSet.changes().stream()
                .map(change -> new Change("Resource", new CloudFormationShapes.ResourceChange(change.action(), change.logicalResourceId(),
                        change.physicalResourceId().orElse(null), change.resourceType(), change.replacement().orElse(null),
                        change.action().equals("Modify") ? List.of("Properties") : List.of())))
                .toList();
        return new DescribeChangeSetOutput(changeSet.changeSetName(), changeSet.changeSetId(), changeSet.stackId(), changeSet.stackName(),
                changeSet.description().orElse(null), parameters, changeSet.creationTime(), changeSet.executionStatus(), changeSet.status(),
                changeSet.statusReason().orElse(null), List.of(), changeSet.capabilities(),
                changeSet.tags().stream().map(tag -> new Tag(tag.key(), tag.value())).toList(), changes, null);
    }

    CloudFormationShapes.Empty executeChangeSet(RequestContext context, ChangeSetInput input)
    {
        ChangeSetRecord changeSet = find(context, input);
        stacks.authorize(context, "ExecuteChangeSet", changeSet.stackId());
        if (!changeSet.status().equals("CREATE_COMPLETE") || !changeSet.executionStatus().equals("AVAILABLE")) {
            throw CloudFormationErrors.INVALID_CHANGE_SET_STATUS.exception("ChangeSet [" + changeSet.changeSetId() + "] cannot be executed in its current "
                    + "status of [" + changeSet.status() + "] and execution status of [" + changeSet.executionStatus() + "]");
        }
        StackRecord stack = store.stack(changeSet.stackId())
                .filter(found -> found.status() != StackStatus.DELETE_COMPLETE)
                .orElseThrow(() -> CloudFormationErrors.validation("Stack [" + changeSet.stackName() + "] does not exist"));
        StackPlan plan = planner.plan(changeSet.templateBody(), changeSet.parameters(), stack.stackId(), stack.stackName(), stack.region(),
                stack.accountId(), changeSet.capabilities());
        // a role deleted, or no longer trusting CloudFormation, since the change set was made: refused before anything changes
        stacks.checkAssumable(context, changeSet.roleArn());
        store.putChangeSet(changeSet.withExecutionStatus("EXECUTE_COMPLETE"));
        for (ChangeSetRecord other : store.changeSets(stack.accountId(), stack.region())) {
            if (other.stackId().equals(stack.stackId()) && !other.changeSetId().equals(changeSet.changeSetId())) {
                store.putChangeSet(other.withExecutionStatus("OBSOLETE"));
            }
        }
        if (changeSet.changeSetType().equals("CREATE")) {
            if (stack.status() != StackStatus.REVIEW_IN_PROGRESS) {
                throw CloudFormationErrors.INVALID_CHANGE_SET_STATUS.exception("Stack [" + stack.stackName() + "] is in " + stack.status() + " state");
            }
            stacks.startCreate(context, stack, changeSet.templateBody(), plan, changeSet.tags(), changeSet.capabilities(), changeSet.roleArn(),
                    changeSet.changeSetId(), !Boolean.TRUE.equals(input.disableRollback()));
        }
        else {
            if (!stack.status().updatable()) {
                throw CloudFormationErrors.validation("Stack:" + stack.stackId() + " is in " + stack.status() + " state and can not be updated.");
            }
            stacks.startUpdate(context, stack, changeSet.templateBody(), plan, changeSet.tags(), changeSet.capabilities(), changeSet.roleArn(),
                    Optional.of(changeSet.changeSetId()));
        }
        return new CloudFormationShapes.Empty();
    }

    CloudFormationShapes.Empty deleteChangeSet(RequestContext context, ChangeSetInput input)
    {
        ChangeSetRecord changeSet = find(context, input);
        stacks.authorize(context, "DeleteChangeSet", changeSet.stackId());
        store.deleteChangeSet(changeSet.changeSetId());
        return new CloudFormationShapes.Empty();
    }

    ListChangeSetsOutput listChangeSets(RequestContext context, ListChangeSetsInput input)
    {
        StackRecord stack = stacks.existing(context, input.stackName());
        stacks.authorize(context, "ListChangeSets", stack.stackId());
        Pages.Page<ChangeSetRecord> page = Pages.page(store.changeSets(stack.accountId(), stack.region()).stream()
                .filter(changeSet -> changeSet.stackId().equals(stack.stackId()))
                .toList(), changeSet -> Pages.number(changeSet.creationTime().toEpochMilli()) + " " + changeSet.changeSetId(), input.nextToken());
        return new ListChangeSetsOutput(page.items().stream()
                .map(changeSet -> new ChangeSetSummary(changeSet.stackId(), changeSet.stackName(), changeSet.changeSetId(), changeSet.changeSetName(),
                        changeSet.executionStatus(), changeSet.status(), changeSet.statusReason().orElse(null), changeSet.creationTime(),
                        changeSet.description().orElse(null)))
                .toList(), page.token());
    }

    private ChangeSetRecord find(RequestContext context, ChangeSetInput input)
    {
        String name = input.changeSetName();
        if (name == null || name.isEmpty()) {
            throw CloudFormationErrors.validation("1 validation error detected: Value null at 'changeSetName' failed to satisfy constraint: Member must not be null");
        }
        Optional<ChangeSetRecord> found;
        if (name.startsWith("arn:")) {
            found = store.changeSet(name).filter(changeSet -> changeSet.changeSetId().startsWith(
                    "arn:aws:cloudformation:" + context.region() + ":" + context.caller().accountId() + ":"));
        }
        else {
            if (input.stackName() == null) {
                throw CloudFormationErrors.validation("StackName must be specified if ChangeSetName is not specified as an ARN.");
            }
            found = store.find(context.caller().accountId(), context.region(), input.stackName()).flatMap(stack -> findByName(stack, name));
        }
        return found.orElseThrow(() -> CloudFormationErrors.CHANGE_SET_NOT_FOUND.exception("ChangeSet [" + name + "] does not exist"));
    }

    private Optional<ChangeSetRecord> findByName(StackRecord stack, String name)
    {
        return store.changeSets(stack.accountId(), stack.region()).stream()
                .filter(changeSet -> changeSet.stackId().equals(stack.stackId()) && changeSet.changeSetName().equals(name))
                .findFirst();
    }

    private static List<ResourceChange> additions(StackPlan plan)
    {
        return plan.order().stream()
                .map(logicalId -> new ResourceChange("Add", logicalId, Optional.empty(), plan.template().resources().get(logicalId).type(), Optional.empty()))
                .toList();
    }

    /**
     * What an update would do to each resource, judged from the templates and parameter values
     * (values that only exist once resources do, such as a new resource's Ref, make a change
     * "Conditional" as on AWS).
     */
    private List<ResourceChange> changes(StackRecord stack, StackPlan plan)
    {
        Template old = TemplateParser.parse(stack.templateBody());
        Set<String> changedParameters = new LinkedHashSet<>();
        plan.parameters().forEach((key, value) -> {
            if (!value.equals(stack.parameters().get(key))) {
                changedParameters.add(key);
            }
        });
        List<ResourceChange> changes = new ArrayList<>();
        Set<String> modified = new LinkedHashSet<>();
        for (String logicalId : plan.order()) {
            ResourceDeclaration declaration = plan.template().resources().get(logicalId);
            ResourceState current = stack.resources().get(logicalId);
            if (current == null || !current.mayExist()) {
                changes.add(new ResourceChange("Add", logicalId, Optional.empty(), declaration.type(), Optional.empty()));
                modified.add(logicalId);
                continue;
            }
            ResourceDeclaration previous = old.resources().get(logicalId);
            Set<String> references = new LinkedHashSet<>();
            DependencyGraph.referencedNames(declaration.properties(), references);
            boolean dependsOnChange = references.stream().anyMatch(name -> changedParameters.contains(name) || modified.contains(name));
            boolean typeChanged = previous == null || !previous.type().equals(declaration.type());
            if (!typeChanged && previous.properties().equals(declaration.properties()) && !dependsOnChange) {
                continue;
            }
            ResourceProvider provider = planner.providers().provider(declaration.type()).orElseThrow();
            String replacement = "False";
            if (typeChanged) {
                replacement = "True";
            }
            else {
                for (String property : provider.replacementProperties()) {
                    JsonNode before = previous.properties().path(property);
                    JsonNode after = declaration.properties().path(property);
                    if (!before.equals(after)) {
                        replacement = "True";
                    }
                    else if (hasIntrinsic(after) && dependsOnChange && !replacement.equals("True")) {
                        replacement = "Conditional";
                    }
                }
            }
            changes.add(new ResourceChange("Modify", logicalId, current.physicalId(), declaration.type(), Optional.of(replacement)));
            modified.add(logicalId);
        }
        for (ResourceState resource : stack.resources().values()) {
            if (resource.mayExist() && !plan.order().contains(resource.logicalId())) {
                changes.add(new ResourceChange("Remove", resource.logicalId(), resource.physicalId(), resource.type(), Optional.empty()));
            }
        }
        return changes;
    }

    private static boolean hasIntrinsic(JsonNode node)
    {
        if (Intrinsics.isFunction(node)) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasIntrinsic(child)) {
                return true;
            }
        }
        return false;
    }
}
