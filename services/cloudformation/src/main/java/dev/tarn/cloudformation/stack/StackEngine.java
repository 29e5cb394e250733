package dev.tarn.cloudformation.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceProviders;
import dev.tarn.cloudformation.provider.ResourceRequest;
import dev.tarn.cloudformation.provider.ServiceClient;
import dev.tarn.cloudformation.template.DeletionPolicy;
import dev.tarn.cloudformation.template.DependencyGraph;
import dev.tarn.cloudformation.template.Intrinsics;
import dev.tarn.cloudformation.template.OutputDeclaration;
import dev.tarn.cloudformation.template.ResourceDeclaration;
import dev.tarn.cloudformation.template.Template;
import dev.tarn.cloudformation.template.TemplateParser;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.spi.error.AwsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Runs stack operations in the background: creates, updates and deletes resources in
 * dependency order, records every status change as an event, and on failure rolls back what
 * the operation did. Every step is saved before the next begins, so a crash leaves a stack whose
 * record says which resources exist.
 */
public final class StackEngine
{
    private static final Logger log = LoggerFactory.getLogger(StackEngine.class);

    private final StackStore store;
    private final ResourceProviders providers;
    private final InProcessInvoker invoker;
    private final ExecutorService executor;
    private final Clock clock;

    public StackEngine(StackStore store, ResourceProviders providers, InProcessInvoker invoker, ExecutorService executor, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Ends every operation a crash interrupted in the FAILED state CloudFormation would end it in. */
    public int recoverInterrupted()
    {
        int recovered = 0;
        for (StackRecord stack : store.allStacks()) {
            if (!stack.status().inProgress()) {
                continue;
            }
            List<EventDraft> events = new ArrayList<>();
            Map<String, ResourceState> resources = new LinkedHashMap<>();
            for (ResourceState resource : stack.resources().values()) {
                if (resource.status().inProgress()) {
                    resource = resource.withStatus(resource.status().interrupted(), Optional.of("The operation was interrupted by a restart of the server"),
                            clock.instant());
                    events.add(EventDraft.resource(resource));
                }
                resources.put(resource.logicalId(), resource);
            }
            StackStatus status = stack.status().interrupted();
            String reason = "The " + stack.status() + " operation was interrupted by a restart of the server";
            StackRecord failed = stack.withResources(resources).withStatus(status, Optional.of(reason));
            events.add(EventDraft.stack(failed, clock.instant(), status, Optional.of(reason)));
            store.save(failed, events);
            log.warn("Stack {} was {} when the server stopped; it is now {}", stack.stackName(), stack.status(), status);
            recovered++;
        }
        return recovered;
    }

    public Future<?> create(StackRecord stack, StackPlan plan, boolean rollback)
    {
        return executor.submit(() -> guarded(stack, () -> runCreate(stack, plan, rollback)));
    }

    public Future<?> update(StackRecord stack, StackRecord before, StackPlan plan)
    {
        return executor.submit(() -> guarded(stack, () -> runUpdate(stack, before, plan)));
    }

    public Future<?> delete(StackRecord stack, Set<String> retain)
    {
        return executor.submit(() -> guarded(stack, () -> runDelete(stack, retain)));
    }

    /**
     * Waits a moment for an operation that has just started: most finish within it, and a
     * client polling for the outcome (the CLI's waiters poll every 30 seconds) then sees it at
     * once. The operation goes on in the background either way.
     */
    public static void settle(Future<?> operation, Duration patience)
    {
        try {
            operation.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException | ExecutionException e) {
            // still running, or failed and recorded as such by the operation itself
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failure of the engine itself (not of a resource) still ends the stack in a FAILED state. */
    private void guarded(StackRecord stack, Runnable operation)
    {
        try {
            operation.run();
        }
        catch (RuntimeException | Error e) {
            log.error("Stack operation on {} failed", stack.stackName(), e);
            store.stack(stack.stackId()).filter(current -> current.status().inProgress()).ifPresent(current -> {
                StackStatus status = current.status().interrupted();
                String reason = "Internal failure: " + e.getMessage();
                store.save(current.withStatus(status, Optional.of(reason)), List.of(EventDraft.stack(current, clock.instant(), status, Optional.of(reason))));
            });
        }
    }

    private void runCreate(StackRecord initial, StackPlan plan, boolean rollback)
    {
        Operation operation = new Operation(initial);
        try {
            for (String logicalId : plan.order()) {
                operation.createResource(plan, logicalId, Optional.empty());
            }
            operation.finishOutputs(plan);
            operation.status(StackStatus.CREATE_COMPLETE, Optional.empty());
        }
        catch (StepFailure failure) {
            String reason = failure.resource.map(id -> "The following resource(s) failed to create: [" + id + "]. ").orElse("")
                    + (rollback ? "Rollback requested by user." : failure.getMessage());
            if (!rollback) {
                operation.status(StackStatus.CREATE_FAILED, Optional.of(reason));
                return;
            }
            operation.status(StackStatus.ROLLBACK_IN_PROGRESS, Optional.of(reason));
            boolean clean = operation.deleteAll(reverse(plan.order()), Set.of(), true);
            if (operation.stack.onFailure().equals("DELETE") && clean) {
                operation.status(StackStatus.DELETE_IN_PROGRESS, Optional.empty());
                operation.deleted();
                return;
            }
            operation.status(clean ? StackStatus.ROLLBACK_COMPLETE : StackStatus.ROLLBACK_FAILED, clean ? Optional.of(reason)
                    : Optional.of("The following resource(s) failed to delete: " + operation.failedDeletions + ". "));
        }
    }

    private void runUpdate(StackRecord initial, StackRecord before, StackPlan plan)
    {
        Operation operation = new Operation(initial);
        Template oldTemplate = TemplateParser.parse(before.templateBody());
        List<String> done = new ArrayList<>();
        Map<String, ResourceState> replaced = new LinkedHashMap<>();
        Set<String> created = new LinkedHashSet<>();
        try {
            for (String logicalId : plan.order()) {
                ResourceDeclaration declaration = plan.template().resources().get(logicalId);
                ResourceState old = before.resources().get(logicalId);
                if (old == null || !old.mayExist()) {
                    operation.createResource(plan, logicalId, Optional.empty());
                    created.add(logicalId);
                    done.add(logicalId);
                    continue;
                }
                ObjectNode properties = operation.evaluate(plan, declaration);
                ResourceProvider provider = operation.provider(declaration.type());
                boolean replace = !old.type().equals(declaration.type()) || provider.replacementProperties().stream()
                        .anyMatch(property -> !old.properties().path(property).equals(properties.path(property)));
                if (replace) {
                    replaced.put(logicalId, old);
                    operation.createResource(plan, logicalId, Optional.of("Requested update requires the creation of a new physical resource; hence creating one."));
                    done.add(logicalId);
                }
                else if (!old.properties().equals(properties)) {
                    operation.updateResource(plan, declaration, old, properties);
                    done.add(logicalId);
                }
                else if (old.deletionPolicy() != declaration.deletionPolicy() || old.updateReplacePolicy() != declaration.updateReplacePolicy()) {
                    operation.stack = operation.stack.withResource(new ResourceState(logicalId, old.type(), old.physicalId(), old.status(), old.statusReason(),
                            old.timestamp(), old.properties(), old.attributes(), declaration.deletionPolicy(), declaration.updateReplacePolicy()));
                }
            }
            operation.finishOutputs(plan);
        }
        catch (StepFailure failure) {
            String reason = failure.resource.map(id -> "The following resource(s) failed to update: [" + id + "]. ").orElse(failure.getMessage());
            operation.status(StackStatus.UPDATE_ROLLBACK_IN_PROGRESS, Optional.of(reason));
            boolean clean = operation.rollBackUpdate(before, oldTemplate, reverse(done), created, replaced);
            // a resource of the new template that failed before it existed is no part of the stack it goes back to
            Map<String, ResourceState> kept = new LinkedHashMap<>();
            operation.stack.resources().forEach((logicalId, resource) -> {
                if (before.resources().containsKey(logicalId) || resource.mayExist()) {
                    kept.put(logicalId, resource);
                }
            });
            operation.stack = operation.stack.withResources(kept);
            operation.stack = operation.stack.withDefinition(before.description(), before.templateBody(), before.parameters(), before.noEchoParameters(),
                    before.tags(), before.capabilities(), before.roleArn(), before.imports(), before.caller(), before.changeSetId(),
                    operation.stack.lastUpdatedTime()).withOutputs(before.outputs());
            if (clean) {
                try {
                    store.replaceExports(operation.stack, exports(operation.stack));
                }
                catch (AwsException e) {
                    clean = false;
                }
            }
            if (!clean) {
                operation.status(StackStatus.UPDATE_ROLLBACK_FAILED, Optional.of("The following resource(s) failed to roll back: "
                        + operation.failedDeletions));
                return;
            }
            operation.status(StackStatus.UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, Optional.empty());
            operation.status(StackStatus.UPDATE_ROLLBACK_COMPLETE, Optional.empty());
            return;
        }
        operation.status(StackStatus.UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, Optional.empty());
        List<String> removed = new ArrayList<>();
        for (String logicalId : DependencyGraph.of(oldTemplate.resources()).deletionOrder()) {
            if (!plan.order().contains(logicalId) && before.resources().containsKey(logicalId)) {
                removed.add(logicalId);
            }
        }
        before.resources().keySet().stream().filter(id -> !plan.order().contains(id) && !removed.contains(id)).forEach(removed::add);
        operation.deleteAll(removed, Set.of(), true);
        for (ResourceState old : replaced.values()) {
            operation.deleteReplaced(old);
        }
        Map<String, ResourceState> kept = new LinkedHashMap<>(operation.stack.resources());
        removed.forEach(kept::remove);
        operation.stack = operation.stack.withResources(kept);
        operation.status(StackStatus.UPDATE_COMPLETE, Optional.empty());
    }

    private void runDelete(StackRecord initial, Set<String> retain)
    {
        Operation operation = new Operation(initial);
        for (StackOutput output : initial.outputs()) {
            if (output.exportName().isPresent()) {
                List<String> importers = store.importers(initial.accountId(), initial.region(), output.exportName().get());
                if (!importers.isEmpty()) {
                    operation.status(StackStatus.DELETE_FAILED, Optional.of("Export " + output.exportName().get()
                            + " cannot be deleted as it is in use by " + importers));
                    return;
                }
            }
        }
        List<String> order = initial.resources().isEmpty() ? new ArrayList<>()
                : new ArrayList<>(DependencyGraph.of(TemplateParser.parse(initial.templateBody()).resources()).deletionOrder());
        initial.resources().keySet().stream().filter(id -> !order.contains(id)).forEach(id -> order.add(0, id));
        boolean clean = operation.deleteAll(order, retain, true);
        if (!clean) {
            operation.status(StackStatus.DELETE_FAILED, Optional.of("The following resource(s) failed to delete: " + operation.failedDeletions + ". "));
            return;
        }
        operation.deleted();
    }

    private static List<String> reverse(List<String> order)
    {
        List<String> reversed = new ArrayList<>(order);
        Collections.reverse(reversed);
        return reversed;
    }

    private List<ExportRecord> exports(StackRecord stack)
    {
        List<ExportRecord> exports = new ArrayList<>();
        stack.outputs().forEach(output -> output.exportName().ifPresent(name ->
                exports.add(new ExportRecord(name, output.value(), stack.stackId(), stack.stackName()))));
        return exports;
    }

    /** A resource step failed; the operation rolls back. */
    private static final class StepFailure
            extends RuntimeException
    {
        private final Optional<String> resource;

        StepFailure(Optional<String> resource, String message)
        {
            super(message, null, false, false);
            this.resource = resource;
        }
    }

    /** The state of one running operation: the stack as last saved, and what failed. */
    private final class Operation
    {
        private StackRecord stack;
        private final ServiceClient client;
        private final List<String> failedDeletions = new ArrayList<>();

        Operation(StackRecord stack)
        {
            this.stack = stack;
            this.client = new ServiceClient(invoker, stack.caller().context(UUID.randomUUID().toString(), clock.instant()));
        }

        ResourceProvider provider(String type)
        {
            return providers.provider(type).orElseThrow(() -> new StepFailure(Optional.empty(), "Unrecognized resource type " + type));
        }

        ObjectNode evaluate(StackPlan plan, ResourceDeclaration declaration)
        {
            Intrinsics intrinsics = new Intrinsics(plan.parameterValues(), plan.template().mappings(), plan.conditions()::get,
                    new StackReferences(stack, plan.template(), store), stack.region());
            JsonNode value = intrinsics.evaluate(declaration.properties(), "Resources/" + declaration.logicalId() + "/Properties");
            return value.isObject() ? (ObjectNode) value : JsonNodeFactory.instance.objectNode();
        }

        void createResource(StackPlan plan, String logicalId, Optional<String> reason)
        {
            ResourceDeclaration declaration = plan.template().resources().get(logicalId);
            ResourceProvider provider = provider(declaration.type());
            ObjectNode properties;
            try {
                properties = evaluate(plan, declaration);
            }
            catch (AwsException e) {
                resource(new ResourceState(logicalId, declaration.type(), Optional.empty(), ResourceStatus.CREATE_FAILED, Optional.of(e.getMessage()),
                        clock.instant(), declaration.properties(), Map.of(), declaration.deletionPolicy(), declaration.updateReplacePolicy()));
                throw new StepFailure(Optional.of(logicalId), e.getMessage());
            }
            ResourceState pending = new ResourceState(logicalId, declaration.type(), Optional.empty(),
                    ResourceStatus.CREATE_IN_PROGRESS, reason, clock.instant(), properties, Map.of(), declaration.deletionPolicy(),
                    declaration.updateReplacePolicy());
            resource(pending);
            ProvisionedResource created;
            try {
                created = provider.create(new ResourceRequest(client, stack.stackId(), stack.stackName(), logicalId, properties));
            }
            catch (RuntimeException e) {
                String message = message(e);
                resource(pending.withStatus(ResourceStatus.CREATE_FAILED, Optional.of(message), clock.instant()));
                throw new StepFailure(Optional.of(logicalId), message);
            }
            resource(new ResourceState(logicalId, declaration.type(), Optional.of(created.physicalId()), ResourceStatus.CREATE_COMPLETE, Optional.empty(),
                    clock.instant(), properties, created.attributes(), declaration.deletionPolicy(), declaration.updateReplacePolicy()));
        }

        void updateResource(StackPlan plan, ResourceDeclaration declaration, ResourceState old, ObjectNode properties)
        {
            ResourceProvider provider = provider(declaration.type());
            ResourceState pending = new ResourceState(old.logicalId(), old.type(), old.physicalId(), ResourceStatus.UPDATE_IN_PROGRESS, Optional.empty(),
                    clock.instant(), properties, old.attributes(), declaration.deletionPolicy(), declaration.updateReplacePolicy());
            resource(pending);
            try {
                ProvisionedResource updated = provider.update(new ResourceRequest(client, stack.stackId(), stack.stackName(), old.logicalId(), properties),
                        new ProvisionedResource(old.physicalId().orElseThrow(), old.attributes()), old.properties());
                resource(new ResourceState(old.logicalId(), old.type(), Optional.of(updated.physicalId()), ResourceStatus.UPDATE_COMPLETE, Optional.empty(),
                        clock.instant(), properties, updated.attributes(), declaration.deletionPolicy(), declaration.updateReplacePolicy()));
            }
            catch (RuntimeException e) {
                String message = message(e);
                resource(pending.withStatus(ResourceStatus.UPDATE_FAILED, Optional.of(message), clock.instant()));
                throw new StepFailure(Optional.of(old.logicalId()), message);
            }
        }

        /** Undoes an update's resource steps, newest first; false when some could not be undone. */
        boolean rollBackUpdate(StackRecord before, Template oldTemplate, List<String> done, Set<String> created, Map<String, ResourceState> replaced)
        {
            boolean clean = true;
            for (String logicalId : done) {
                ResourceState current = stack.resources().get(logicalId);
                if (created.contains(logicalId) || replaced.containsKey(logicalId)) {
                    if (current != null && current.mayExist()) {
                        clean &= deleteOne(current, false);
                    }
                    Map<String, ResourceState> resources = new LinkedHashMap<>(stack.resources());
                    resources.remove(logicalId);
                    if (replaced.containsKey(logicalId)) {
                        resources.put(logicalId, replaced.get(logicalId));
                    }
                    stack = stack.withResources(resources);
                    save(List.of());
                    continue;
                }
                ResourceState old = before.resources().get(logicalId);
                ResourceState pending = old.withStatus(ResourceStatus.UPDATE_IN_PROGRESS, Optional.empty(), clock.instant());
                resource(pending);
                try {
                    ProvisionedResource restored = provider(old.type()).update(
                            new ResourceRequest(client, stack.stackId(), stack.stackName(), logicalId, (ObjectNode) old.properties()),
                            new ProvisionedResource(current.physicalId().orElseThrow(), current.attributes()), current.properties());
                    resource(new ResourceState(logicalId, old.type(), Optional.of(restored.physicalId()), ResourceStatus.UPDATE_COMPLETE, Optional.empty(),
                            clock.instant(), old.properties(), restored.attributes(), old.deletionPolicy(), old.updateReplacePolicy()));
                }
                catch (RuntimeException e) {
                    resource(pending.withStatus(ResourceStatus.UPDATE_FAILED, Optional.of(message(e)), clock.instant()));
                    failedDeletions.add(logicalId);
                    clean = false;
                }
            }
            return clean;
        }

        void finishOutputs(StackPlan plan)
        {
            List<StackOutput> outputs = new ArrayList<>();
            try {
                Intrinsics intrinsics = new Intrinsics(plan.parameterValues(), plan.template().mappings(), plan.conditions()::get,
                        new StackReferences(stack, plan.template(), store), stack.region());
                for (OutputDeclaration output : plan.template().outputs().values()) {
                    if (!output.condition().map(plan.conditions()::get).orElse(true)) {
                        continue;
                    }
                    JsonNode value = intrinsics.evaluate(output.value(), "Outputs/" + output.key() + "/Value");
                    Optional<String> exportName = output.exportName().map(name -> intrinsics.evaluate(name, "Outputs/" + output.key() + "/Export/Name").asText());
                    outputs.add(new StackOutput(output.key(), text(value), output.description(), exportName));
                }
                stack = stack.withOutputs(outputs);
                store.replaceExports(stack, exports(stack));
            }
            catch (AwsException e) {
                throw new StepFailure(Optional.empty(), e.getMessage());
            }
        }

        /** Deletes resources in the given order; false when some could not be deleted. */
        boolean deleteAll(List<String> order, Set<String> retain, boolean honourPolicy)
        {
            boolean clean = true;
            for (String logicalId : order) {
                ResourceState resource = stack.resources().get(logicalId);
                if (resource == null || !resource.mayExist()) {
                    continue;
                }
                if (retain.contains(logicalId) || (honourPolicy && resource.deletionPolicy() == DeletionPolicy.RETAIN)) {
                    resource(resource.withStatus(ResourceStatus.DELETE_SKIPPED, Optional.empty(), clock.instant()));
                    continue;
                }
                clean &= deleteOne(resource, true);
            }
            return clean;
        }

        void deleteReplaced(ResourceState old)
        {
            if (old.updateReplacePolicy() == DeletionPolicy.RETAIN) {
                save(List.of(EventDraft.resource(old.withStatus(ResourceStatus.DELETE_SKIPPED, Optional.of("Replaced; retained by UpdateReplacePolicy"),
                        clock.instant()))));
                return;
            }
            deleteOne(old, false);
        }

        /** Deletes one resource; when {@code tracked} its state in the stack record follows. */
        private boolean deleteOne(ResourceState resource, boolean tracked)
        {
            ResourceState pending = resource.withStatus(ResourceStatus.DELETE_IN_PROGRESS, Optional.empty(), clock.instant());
            record(pending, tracked);
            try {
                provider(resource.type()).delete(new ResourceRequest(client, stack.stackId(), stack.stackName(), resource.logicalId(),
                        resource.properties().isObject() ? (ObjectNode) resource.properties() : JsonNodeFactory.instance.objectNode()),
                        new ProvisionedResource(resource.physicalId().orElseThrow(), resource.attributes()));
                record(pending.withStatus(ResourceStatus.DELETE_COMPLETE, Optional.empty(), clock.instant()), tracked);
                return true;
            }
            catch (RuntimeException e) {
                record(pending.withStatus(ResourceStatus.DELETE_FAILED, Optional.of(message(e)), clock.instant()), tracked);
                failedDeletions.add(resource.logicalId());
                return false;
            }
        }

        private void record(ResourceState state, boolean tracked)
        {
            if (tracked) {
                resource(state);
            }
            else {
                save(List.of(EventDraft.resource(state)));
            }
        }

        void status(StackStatus status, Optional<String> reason)
        {
            stack = stack.withStatus(status, reason);
            save(List.of(EventDraft.stack(stack, clock.instant(), status, reason)));
        }

        void deleted()
        {
            stack = stack.withStatus(StackStatus.DELETE_COMPLETE, Optional.empty()).withDeletionTime(clock.instant());
            stack = store.saveDeleted(stack, List.of(EventDraft.stack(stack, clock.instant(), StackStatus.DELETE_COMPLETE, Optional.empty())));
        }

        private void resource(ResourceState state)
        {
            stack = stack.withResource(state);
            save(List.of(EventDraft.resource(state)));
        }

        private void save(List<EventDraft> events)
        {
            stack = store.save(stack, events);
        }
    }

    private static String text(JsonNode value)
    {
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(element -> parts.add(element.asText()));
            return String.join(",", parts);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String message(RuntimeException e)
    {
        if (e instanceof AwsException aws) {
            return aws.code() + ": " + aws.getMessage();
        }
        log.warn("Resource provider failed", e);
        return "Internal failure: " + e;
    }
}
