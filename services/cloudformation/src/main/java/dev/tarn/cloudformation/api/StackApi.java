package dev.tarn.cloudformation.api;

import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.api.CloudFormationShapes.CreateStackInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DeleteStackInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStackEventsInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStackEventsOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStackResourceInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStackResourceOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStackResourcesInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStackResourcesOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStacksInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStacksOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DriftInformation;
import dev.tarn.cloudformation.api.CloudFormationShapes.Export;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListExportsInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListExportsOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListImportsInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListImportsOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListStackResourcesInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListStackResourcesOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListStacksInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListStacksOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.Output;
import dev.tarn.cloudformation.api.CloudFormationShapes.Parameter;
import dev.tarn.cloudformation.api.CloudFormationShapes.ResourceDriftInformation;
import dev.tarn.cloudformation.api.CloudFormationShapes.StackIdOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.StackResource;
import dev.tarn.cloudformation.api.CloudFormationShapes.StackResourceDetail;
import dev.tarn.cloudformation.api.CloudFormationShapes.StackResourceSummary;
import dev.tarn.cloudformation.api.CloudFormationShapes.StackSummary;
import dev.tarn.cloudformation.api.CloudFormationShapes.Tag;
import dev.tarn.cloudformation.api.CloudFormationShapes.UpdateStackInput;
import dev.tarn.cloudformation.provider.ServiceClient;
import dev.tarn.cloudformation.stack.EventDraft;
import dev.tarn.cloudformation.stack.ExportRecord;
import dev.tarn.cloudformation.stack.ResourceState;
import dev.tarn.cloudformation.stack.StackEngine;
import dev.tarn.cloudformation.stack.StackEvent;
import dev.tarn.cloudformation.stack.StackPlan;
import dev.tarn.cloudformation.stack.StackPlanner;
import dev.tarn.cloudformation.stack.StackRecord;
import dev.tarn.cloudformation.stack.StackStatus;
import dev.tarn.cloudformation.stack.StackStore;
import dev.tarn.cloudformation.stack.StackTag;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.RequestContext;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;

/** The stack operations of the API: create, update, delete and everything that describes stacks. */
final class StackApi
{
    private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final Set<String> ON_FAILURE = Set.of("ROLLBACK", "DELETE", "DO_NOTHING");

    private final StackStore store;
    private final StackPlanner planner;
    private final StackEngine engine;
    private final Authorizer authorizer;
    private final InProcessInvoker invoker;
    private final StackActors actors;
    private final Clock clock;

    StackApi(StackStore store, StackPlanner planner, StackEngine engine, Authorizer authorizer, InProcessInvoker invoker, StackActors actors, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.actors = requireNonNull(actors, "actors is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    StackIdOutput createStack(RequestContext context, CreateStackInput input)
    {
        String name = stackName(input.stackName());
        authorize(context, "CreateStack", stackArnPattern(context, name));
        if (store.find(context.caller().accountId(), context.region(), name).isPresent()) {
            throw CloudFormationErrors.ALREADY_EXISTS.exception("Stack [" + name + "] already exists");
        }
        if (input.disableRollback() != null && input.onFailure() != null) {
            throw CloudFormationErrors.validation("You cannot specify both DisableRollback and OnFailure.");
        }
        String onFailure = Optional.ofNullable(input.onFailure()).orElse(Boolean.TRUE.equals(input.disableRollback()) ? "DO_NOTHING" : "ROLLBACK");
        if (!ON_FAILURE.contains(onFailure)) {
            throw CloudFormationErrors.validation("OnFailure must be one of " + ON_FAILURE);
        }
        Optional<String> roleArn = Optional.ofNullable(input.roleARN());
        actors.checkGiven(context, roleArn);
        String body = TemplateSource.body(input.templateBody(), input.templateURL(), client(context));
        String stackId = "arn:aws:cloudformation:" + context.region() + ":" + context.caller().accountId() + ":stack/" + name + "/" + UUID.randomUUID();
        List<String> capabilities = list(input.capabilities());
        StackPlan plan = planner.plan(body, givenParameters(input.parameters(), Map.of()), stackId, name, context.region(), context.caller().accountId(),
                capabilities);
        StackRecord stack = new StackRecord(stackId, name, context.caller().accountId(), context.region(), StackStatus.CREATE_IN_PROGRESS,
                Optional.of("User Initiated"), plan.template().description(), body, plan.parameters(), plan.noEcho(), tags(input.tags()), onFailure,
                roleArn, capabilities, clock.instant(), Optional.empty(), Optional.empty(), Map.of(), List.of(),
                plan.imports(), actors.actor(context, roleArn), Optional.empty(), 0);
        stack = store.create(stack, List.of(EventDraft.stack(stack, clock.instant(), StackStatus.CREATE_IN_PROGRESS, Optional.of("User Initiated"))));
        StackEngine.settle(engine.create(stack, plan, !onFailure.equals("DO_NOTHING")), PATIENCE);
        return new StackIdOutput(stackId);
    }

    StackIdOutput updateStack(RequestContext context, UpdateStackInput input)
    {
        StackRecord before = existing(context, input.stackName());
        authorize(context, "UpdateStack", before.stackId());
        if (!before.status().updatable()) {
            throw CloudFormationErrors.validation("Stack:" + before.stackId() + " is in " + before.status() + " state and can not be updated.");
        }
        checkRole(context, input.roleARN());
        String body;
        if (Boolean.TRUE.equals(input.usePreviousTemplate())) {
            if (input.templateBody() != null || input.templateURL() != null) {
                throw CloudFormationErrors.validation("You cannot specify both usePreviousTemplate and Template Body/Template URL.");
            }
            body = before.templateBody();
        }
        else {
            body = TemplateSource.body(input.templateBody(), input.templateURL(), client(context));
        }
        List<StackTag> tags = input.tags() == null ? before.tags() : tags(input.tags());
        List<String> capabilities = list(input.capabilities());
        StackPlan plan = planner.plan(body, givenParameters(input.parameters(), before.parameters()), before.stackId(), before.stackName(),
                before.region(), before.accountId(), capabilities);
        if (body.equals(before.templateBody()) && plan.parameters().equals(before.parameters()) && tags.equals(before.tags())) {
            throw CloudFormationErrors.validation("No updates are to be performed.");
        }
        startUpdate(context, before, body, plan, tags, capabilities, Optional.ofNullable(input.roleARN()).or(before::roleArn), Optional.empty());
        return new StackIdOutput(before.stackId());
    }

    /** Saves the stack as UPDATE_IN_PROGRESS with its new definition and starts the update. */
    void startUpdate(RequestContext context, StackRecord before, String body, StackPlan plan, List<StackTag> tags, List<String> capabilities,
            Optional<String> roleArn, Optional<String> changeSetId)
    {
        StackRecord updating = before.withDefinition(plan.template().description(), body, plan.parameters(), plan.noEcho(), tags, capabilities, roleArn,
                plan.imports(), actors.actor(context, roleArn), changeSetId, Optional.of(clock.instant()))
                .withStatus(StackStatus.UPDATE_IN_PROGRESS, Optional.of("User Initiated"));
        updating = store.save(updating, List.of(EventDraft.stack(updating, clock.instant(), StackStatus.UPDATE_IN_PROGRESS, Optional.of("User Initiated"))));
        StackEngine.settle(engine.update(updating, before, plan), PATIENCE);
    }

    /** Starts creating a stack that waited in REVIEW_IN_PROGRESS for its change set. */
    void startCreate(RequestContext context, StackRecord review, String body, StackPlan plan, List<StackTag> tags, List<String> capabilities,
            Optional<String> roleArn, String changeSetId, boolean rollback)
    {
        StackRecord creating = review.withDefinition(plan.template().description(), body, plan.parameters(), plan.noEcho(), tags, capabilities, roleArn,
                plan.imports(), actors.actor(context, roleArn), Optional.of(changeSetId), Optional.empty())
                .withStatus(StackStatus.CREATE_IN_PROGRESS, Optional.of("User Initiated"));
        creating = store.save(creating, List.of(EventDraft.stack(creating, clock.instant(), StackStatus.CREATE_IN_PROGRESS, Optional.of("User Initiated"))));
        StackEngine.settle(engine.create(creating, plan, rollback), PATIENCE);
    }

    Void deleteStack(RequestContext context, DeleteStackInput input)
    {
        requireStackName(input.stackName());
        Optional<StackRecord> found = store.find(context.caller().accountId(), context.region(), input.stackName());
        if (found.isEmpty()) {
            authorize(context, "DeleteStack", stackArnPattern(context, input.stackName()));
            return null;
        }
        StackRecord stack = found.get();
        authorize(context, "DeleteStack", stack.stackId());
        if (stack.status() == StackStatus.DELETE_COMPLETE || stack.status() == StackStatus.DELETE_IN_PROGRESS) {
            return null;
        }
        if (stack.status().inProgress()) {
            throw CloudFormationErrors.validation("Stack [" + stack.stackName() + "] is in " + stack.status() + " state and can not be deleted now.");
        }
        Set<String> retain = new LinkedHashSet<>(list(input.retainResources()));
        if (!retain.isEmpty() && stack.status() != StackStatus.DELETE_FAILED) {
            throw CloudFormationErrors.validation("Invalid operation on stack [" + stack.stackId() + "]. RetainResources can only be specified when the "
                    + "stack is in the DELETE_FAILED state.");
        }
        checkRole(context, input.roleARN());
        StackRecord deleting = stack.withCaller(actors.actor(context, Optional.ofNullable(input.roleARN()).or(stack::roleArn)))
                .withStatus(StackStatus.DELETE_IN_PROGRESS, Optional.of("User Initiated"));
        deleting = store.save(deleting, List.of(EventDraft.stack(deleting, clock.instant(), StackStatus.DELETE_IN_PROGRESS, Optional.of("User Initiated"))));
        StackEngine.settle(engine.delete(deleting, retain), PATIENCE);
        return null;
    }

    DescribeStacksOutput describeStacks(RequestContext context, DescribeStacksInput input)
    {
        List<StackRecord> stacks;
        if (input.stackName() != null) {
            StackRecord stack = existing(context, input.stackName());
            authorize(context, "DescribeStacks", stack.stackId());
            stacks = List.of(stack);
        }
        else {
            authorize(context, "DescribeStacks", "*");
            Pages.Page<StackRecord> page = Pages.page(store.stacks(context.caller().accountId(), context.region()).stream()
                    .filter(stack -> stack.status() != StackStatus.DELETE_COMPLETE)
                    .toList(), StackApi::newestFirst, input.nextToken());
            return new DescribeStacksOutput(page.items().stream().map(StackApi::stack).toList(), page.token());
        }
        return new DescribeStacksOutput(stacks.stream().map(StackApi::stack).toList(), null);
    }

    /** Stacks newest first, as CloudFormation lists them. */
    private static String newestFirst(StackRecord stack)
    {
        return Pages.number(Long.MAX_VALUE - stack.creationTime().toEpochMilli()) + " " + stack.stackId();
    }

    static CloudFormationShapes.Stack stack(StackRecord stack)
    {
        List<Parameter> parameters = new ArrayList<>();
        stack.parameters().forEach((key, value) -> parameters.add(new Parameter(key, stack.noEchoParameters().contains(key) ? "****" : value, null, null)));
        List<Output> outputs = stack.outputs().stream()
                .map(output -> new Output(output.key(), output.value(), output.description().orElse(null), output.exportName().orElse(null)))
                .toList();
        return new CloudFormationShapes.Stack(stack.stackId(), stack.stackName(), stack.changeSetId().orElse(null), stack.description().orElse(null),
                parameters, stack.creationTime(), stack.deletionTime().orElse(null), stack.lastUpdatedTime().orElse(null), stack.status().name(),
                stack.statusReason().orElse(null), stack.onFailure().equals("DO_NOTHING"), List.of(), stack.capabilities(), outputs,
                stack.roleArn().orElse(null), stack.tags().stream().map(tag -> new Tag(tag.key(), tag.value())).toList(), false,
                new DriftInformation("NOT_CHECKED"));
    }

    ListStacksOutput listStacks(RequestContext context, ListStacksInput input)
    {
        authorize(context, "ListStacks", "*");
        Set<String> filter = new LinkedHashSet<>(list(input.stackStatusFilter()));
        Pages.Page<StackRecord> page = Pages.page(store.stacks(context.caller().accountId(), context.region()).stream()
                .filter(stack -> filter.isEmpty() || filter.contains(stack.status().name()))
                .toList(), StackApi::newestFirst, input.nextToken());
        List<StackSummary> summaries = page.items().stream()
                .map(stack -> new StackSummary(stack.stackId(), stack.stackName(), stack.description().orElse(null), stack.creationTime(),
                        stack.lastUpdatedTime().orElse(null), stack.deletionTime().orElse(null), stack.status().name(), stack.statusReason().orElse(null),
                        new DriftInformation("NOT_CHECKED")))
                .toList();
        return new ListStacksOutput(summaries, page.token());
    }

    DescribeStackEventsOutput describeStackEvents(RequestContext context, DescribeStackEventsInput input)
    {
        StackRecord stack = existing(context, input.stackName());
        authorize(context, "DescribeStackEvents", stack.stackId());
        // newest first; an event's place in the stack's history (oldest first) never changes, so it keys the pages
        List<StackEvent> history = store.events(stack.stackId());
        List<Integer> places = IntStream.range(0, history.size()).boxed().toList();
        Pages.Page<Integer> page = Pages.page(places, place -> Pages.number(Long.MAX_VALUE - place), input.nextToken());
        List<CloudFormationShapes.StackEvent> events = page.items().stream().map(history::get)
                .map(event -> new CloudFormationShapes.StackEvent(event.stackId(), event.eventId(), event.stackName(), event.logicalResourceId(),
                        event.physicalResourceId().orElse(null), event.resourceType(), event.timestamp(), event.resourceStatus(),
                        event.resourceStatusReason().orElse(null), event.resourceProperties().orElse(null)))
                .toList();
        return new DescribeStackEventsOutput(events, page.token());
    }

    DescribeStackResourceOutput describeStackResource(RequestContext context, DescribeStackResourceInput input)
    {
        StackRecord stack = existing(context, input.stackName());
        authorize(context, "DescribeStackResource", stack.stackId());
        ResourceState resource = Optional.ofNullable(input.logicalResourceId()).map(stack.resources()::get).orElseThrow(() ->
                CloudFormationErrors.validation("Resource " + input.logicalResourceId() + " does not exist for stack " + stack.stackName()));
        return new DescribeStackResourceOutput(new StackResourceDetail(stack.stackName(), stack.stackId(), resource.logicalId(),
                resource.physicalId().orElse(null), resource.type(), resource.timestamp(), resource.status().name(), resource.statusReason().orElse(null),
                new ResourceDriftInformation("NOT_CHECKED")));
    }

    DescribeStackResourcesOutput describeStackResources(RequestContext context, DescribeStackResourcesInput input)
    {
        StackRecord stack;
        if (input.stackName() != null) {
            stack = existing(context, input.stackName());
        }
        else if (input.physicalResourceId() != null) {
            stack = store.stacks(context.caller().accountId(), context.region()).stream()
                    .filter(candidate -> candidate.status() != StackStatus.DELETE_COMPLETE)
                    .filter(candidate -> candidate.resources().values().stream().anyMatch(r -> r.physicalId().equals(Optional.of(input.physicalResourceId()))))
                    .findFirst()
                    .orElseThrow(() -> CloudFormationErrors.validation("Stack for " + input.physicalResourceId() + " does not exist"));
        }
        else {
            throw CloudFormationErrors.validation("Either StackName or PhysicalResourceId must be specified.");
        }
        authorize(context, "DescribeStackResources", stack.stackId());
        List<StackResource> resources = stack.resources().values().stream()
                .filter(resource -> input.logicalResourceId() == null || resource.logicalId().equals(input.logicalResourceId()))
                .map(resource -> new StackResource(stack.stackName(), stack.stackId(), resource.logicalId(), resource.physicalId().orElse(null),
                        resource.type(), resource.timestamp(), resource.status().name(), resource.statusReason().orElse(null)))
                .toList();
        return new DescribeStackResourcesOutput(resources);
    }

    ListStackResourcesOutput listStackResources(RequestContext context, ListStackResourcesInput input)
    {
        StackRecord stack = existing(context, input.stackName());
        authorize(context, "ListStackResources", stack.stackId());
        Pages.Page<ResourceState> page = Pages.page(List.copyOf(stack.resources().values()), ResourceState::logicalId, input.nextToken());
        return new ListStackResourcesOutput(page.items().stream()
                .map(resource -> new StackResourceSummary(resource.logicalId(), resource.physicalId().orElse(null), resource.type(), resource.timestamp(),
                        resource.status().name(), resource.statusReason().orElse(null), new ResourceDriftInformation("NOT_CHECKED")))
                .toList(), page.token());
    }

    ListExportsOutput listExports(RequestContext context, ListExportsInput input)
    {
        authorize(context, "ListExports", "*");
        Pages.Page<ExportRecord> page = Pages.page(store.exports(context.caller().accountId(), context.region()), ExportRecord::name, input.nextToken());
        return new ListExportsOutput(page.items().stream()
                .map(export -> new Export(export.stackId(), export.name(), export.value()))
                .toList(), page.token());
    }

    ListImportsOutput listImports(RequestContext context, ListImportsInput input)
    {
        authorize(context, "ListImports", "*");
        if (input.exportName() == null || store.export(context.caller().accountId(), context.region(), input.exportName()).isEmpty()) {
            throw CloudFormationErrors.validation("Export '" + input.exportName() + "' does not exist.");
        }
        List<String> importers = store.importers(context.caller().accountId(), context.region(), input.exportName());
        if (importers.isEmpty()) {
            throw CloudFormationErrors.validation("Export '" + input.exportName() + "' is not imported by any stack.");
        }
        Pages.Page<String> page = Pages.page(importers, name -> name, input.nextToken());
        return new ListImportsOutput(page.items(), page.token());
    }

    /** A stack by name (live ones) or id (deleted ones too), or the error CloudFormation gives. */
    StackRecord existing(RequestContext context, String nameOrId)
    {
        requireStackName(nameOrId);
        return store.find(context.caller().accountId(), context.region(), nameOrId)
                .orElseThrow(() -> CloudFormationErrors.validation("Stack with id " + nameOrId + " does not exist"));
    }

    void authorize(RequestContext context, String action, String resourceArn)
    {
        authorizer.authorize(context, AuthorizationRequest.of("cloudformation:" + action, resourceArn, context.caller().accountId()));
    }

    /** Checks a service role a request names (iam:PassRole, and that CloudFormation can assume it). */
    void checkRole(RequestContext context, String roleArn)
    {
        actors.checkGiven(context, Optional.ofNullable(roleArn));
    }

    /** Fails with a ValidationError, before anything changes, when CloudFormation cannot assume the role. */
    void checkAssumable(RequestContext context, Optional<String> roleArn)
    {
        actors.actor(context, roleArn);
    }

    ServiceClient client(RequestContext context)
    {
        return new ServiceClient(invoker, context);
    }

    static String stackArnPattern(RequestContext context, String name)
    {
        return "arn:aws:cloudformation:" + context.region() + ":" + context.caller().accountId() + ":stack/" + name + "/*";
    }

    static String stackName(String name)
    {
        requireStackName(name);
        if (!STACK_NAME.matcher(name).matches()) {
            throw CloudFormationErrors.validation("1 validation error detected: Value '" + name + "' at 'stackName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*");
        }
        return name;
    }

    private static void requireStackName(String name)
    {
        if (name == null || name.isEmpty()) {
            throw CloudFormationErrors.validation("1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null");
        }
    }

    /** The parameter values a request gives, with UsePreviousValue taken from {@code previous}. */
    static Map<String, String> givenParameters(List<Parameter> parameters, Map<String, String> previous)
    {
        Map<String, String> given = new LinkedHashMap<>();
        for (Parameter parameter : list(parameters)) {
            if (parameter.parameterKey() == null) {
                throw CloudFormationErrors.validation("Every parameter needs a ParameterKey");
            }
            if (Boolean.TRUE.equals(parameter.usePreviousValue())) {
                if (parameter.parameterValue() != null) {
                    throw CloudFormationErrors.validation("Invalid input for parameter key " + parameter.parameterKey()
                            + ". Cannot specify usePreviousValue as true and non empty value for a parameter");
                }
                String value = previous.get(parameter.parameterKey());
                if (value == null) {
                    throw CloudFormationErrors.validation("Invalid input for parameter key " + parameter.parameterKey()
                            + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
                }
                given.put(parameter.parameterKey(), value);
            }
            else {
                given.put(parameter.parameterKey(), Optional.ofNullable(parameter.parameterValue()).orElse(""));
            }
        }
        return given;
    }

    static List<StackTag> tags(List<Tag> tags)
    {
        return list(tags).stream().map(tag -> {
            if (tag.key() == null || tag.key().isEmpty()) {
                throw CloudFormationErrors.validation("Every tag needs a Key");
            }
            return new StackTag(tag.key(), Optional.ofNullable(tag.value()).orElse(""));
        }).toList();
    }

    /** A list member of a request; the query protocol sends an empty list as one empty value. */
    static <T> List<T> list(List<T> values)
    {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(value -> value != null && !"".equals(value)).toList();
    }
}
