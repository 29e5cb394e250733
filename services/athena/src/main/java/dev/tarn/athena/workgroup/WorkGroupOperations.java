package dev.tarn.athena.workgroup;

import dev.tarn.athena.AthenaAccess;
import dev.tarn.athena.AthenaErrors;
import dev.tarn.athena.AthenaStore;
import dev.tarn.athena.Paging;
import dev.tarn.athena.model.EngineVersion;
import dev.tarn.athena.model.NamedQuery;
import dev.tarn.athena.model.ResultConfiguration;
import dev.tarn.athena.model.ResultConfiguration.AclConfiguration;
import dev.tarn.athena.model.ResultConfiguration.EncryptionConfiguration;
import dev.tarn.athena.model.WorkGroup;
import dev.tarn.athena.model.WorkGroupConfiguration;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** CreateWorkGroup, GetWorkGroup, ListWorkGroups, UpdateWorkGroup, DeleteWorkGroup. */
public final class WorkGroupOperations
{
    /** Athena's floor for BytesScannedCutoffPerQuery: 10 MB. */
    public static final long MINIMUM_BYTES_SCANNED_CUTOFF = 10_000_000L;

    private final WorkGroups workGroups;
    private final AthenaAccess access;

    public WorkGroupOperations(WorkGroups workGroups, AthenaAccess access)
    {
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
        this.access = requireNonNull(access, "access is null");
    }

    public record Tag(String key, String value) {}

    public record CreateWorkGroupRequest(String name, Optional<WorkGroupConfiguration> configuration, Optional<String> description, Optional<List<Tag>> tags) {}

    public record WorkGroupRequest(String workGroup) {}

    public record GetWorkGroupResponse(WorkGroup workGroup) {}

    public record ListWorkGroupsRequest(Optional<String> nextToken, Optional<Integer> maxResults) {}

    public record WorkGroupSummary(String name, String state, Optional<String> description, Instant creationTime, EngineVersion engineVersion) {}

    public record ListWorkGroupsResponse(List<WorkGroupSummary> workGroups, Optional<String> nextToken) {}

    public record ResultConfigurationUpdates(Optional<String> outputLocation, Optional<Boolean> removeOutputLocation,
            Optional<EncryptionConfiguration> encryptionConfiguration, Optional<Boolean> removeEncryptionConfiguration, Optional<String> expectedBucketOwner,
            Optional<Boolean> removeExpectedBucketOwner, Optional<AclConfiguration> aclConfiguration, Optional<Boolean> removeAclConfiguration) {}

    public record ConfigurationUpdates(Optional<Boolean> enforceWorkGroupConfiguration, Optional<ResultConfigurationUpdates> resultConfigurationUpdates,
            Optional<Boolean> publishCloudWatchMetricsEnabled, Optional<Long> bytesScannedCutoffPerQuery, Optional<Boolean> removeBytesScannedCutoffPerQuery,
            Optional<Boolean> requesterPaysEnabled, Optional<EngineVersion> engineVersion) {}

    public record UpdateWorkGroupRequest(String workGroup, Optional<String> description, Optional<ConfigurationUpdates> configurationUpdates,
            Optional<String> state) {}

    public record DeleteWorkGroupRequest(String workGroup, Optional<Boolean> recursiveDeleteOption) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateWorkGroup", CreateWorkGroupRequest.class, this::createWorkGroup));
        registry.operation(new ActionOperation<>("GetWorkGroup", WorkGroupRequest.class, this::getWorkGroup));
        registry.operation(new ActionOperation<>("ListWorkGroups", ListWorkGroupsRequest.class, this::listWorkGroups));
        registry.operation(new ActionOperation<>("UpdateWorkGroup", UpdateWorkGroupRequest.class, this::updateWorkGroup));
        registry.operation(new ActionOperation<>("DeleteWorkGroup", DeleteWorkGroupRequest.class, this::deleteWorkGroup));
    }

    Void createWorkGroup(RequestContext context, CreateWorkGroupRequest request)
    {
        String name = WorkGroups.validName(request.name());
        access.onWorkGroup(context, "CreateWorkGroup", name);
        WorkGroupConfiguration configuration = validate(request.configuration()
                .orElse(new WorkGroupConfiguration(null, null, null, null, null, null))).withDefaults();
        String accountId = context.caller().accountId();
        workGroups.ensurePrimary(accountId);
        workGroups.store().metadata().write(transaction -> {
            if (workGroups.find(transaction, accountId, name).isPresent()) {
                throw AthenaErrors.invalidInput("WorkGroup " + name + " is already created");
            }
            workGroups.put(transaction, accountId, new WorkGroup(name, WorkGroup.ENABLED, configuration,
                    request.description().filter(text -> !text.isEmpty()), workGroups.clock().instant()));
            return null;
        });
        return null;
    }

    GetWorkGroupResponse getWorkGroup(RequestContext context, WorkGroupRequest request)
    {
        String name = WorkGroups.validName(request.workGroup());
        access.onWorkGroup(context, "GetWorkGroup", name);
        return new GetWorkGroupResponse(workGroups.require(context.caller().accountId(), name));
    }

    ListWorkGroupsResponse listWorkGroups(RequestContext context, ListWorkGroupsRequest request)
    {
        access.onAccount(context, "ListWorkGroups");
        int limit = Paging.limit(request.maxResults(), 1, 50, 50);
        String accountId = context.caller().accountId();
        workGroups.ensurePrimary(accountId);
        Optional<String> after = Paging.after(request.nextToken());
        List<WorkGroup> found = workGroups.store().metadata().read(reader -> reader.documents(AthenaStore.WORK_GROUPS, accountId + "/", after, limit + 1))
                .stream().map(document -> workGroups.store().read(document, WorkGroup.class)).toList();
        Paging.Page<WorkGroup> page = Paging.Page.of(found, limit, workGroup -> WorkGroups.id(accountId, workGroup.name()));
        return new ListWorkGroupsResponse(page.items().stream()
                .map(workGroup -> new WorkGroupSummary(workGroup.name(), workGroup.state(), workGroup.description(), workGroup.creationTime(),
                        workGroup.configuration().engineVersion().orElse(EngineVersion.current())))
                .toList(), page.nextToken());
    }

    Void updateWorkGroup(RequestContext context, UpdateWorkGroupRequest request)
    {
        String name = WorkGroups.validName(request.workGroup());
        access.onWorkGroup(context, "UpdateWorkGroup", name);
        Optional<String> state = request.state().map(value -> {
            if (!value.equals(WorkGroup.ENABLED) && !value.equals(WorkGroup.DISABLED)) {
                throw AthenaErrors.invalidInput("1 validation error detected: Value '" + value + "' at 'state' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [ENABLED, DISABLED]");
            }
            return value;
        });
        String accountId = context.caller().accountId();
        WorkGroup current = workGroups.require(accountId, name);
        workGroups.store().metadata().write(transaction -> {
            WorkGroup stored = workGroups.require(transaction, accountId, current.name());
            WorkGroupConfiguration configuration = request.configurationUpdates()
                    .map(updates -> validate(apply(stored.configuration(), updates)))
                    .orElse(stored.configuration());
            workGroups.put(transaction, accountId, new WorkGroup(stored.name(), state.orElse(stored.state()), configuration,
                    request.description().isPresent() ? request.description().filter(text -> !text.isEmpty()) : stored.description(),
                    stored.creationTime()));
            return null;
        });
        return null;
    }

    Void deleteWorkGroup(RequestContext context, DeleteWorkGroupRequest request)
    {
        String name = WorkGroups.validName(request.workGroup());
        access.onWorkGroup(context, "DeleteWorkGroup", name);
        if (name.equals(WorkGroup.PRIMARY)) {
            throw AthenaErrors.invalidInput("Primary workGroup could not be deleted.");
        }
        String accountId = context.caller().accountId();
        boolean recursive = request.recursiveDeleteOption().orElse(false);
        workGroups.store().metadata().write(transaction -> {
            workGroups.require(transaction, accountId, name);
            List<String> namedQueries = namedQueriesOf(transaction, accountId, name);
            List<StoredDocument> statements = transaction.documents(AthenaStore.PREPARED_STATEMENTS, accountId + "/" + name + "/", Optional.empty(), 1000);
            if (!recursive && (!namedQueries.isEmpty() || !statements.isEmpty())) {
                throw AthenaErrors.invalidInput("WorkGroup " + name + " is not empty. Use RecursiveDeleteOption to delete it with its named queries "
                        + "and prepared statements.");
            }
            namedQueries.forEach(id -> transaction.deleteDocument(AthenaStore.NAMED_QUERIES, id));
            List<StoredDocument> page = statements;
            while (!page.isEmpty()) {
                page.forEach(document -> transaction.deleteDocument(AthenaStore.PREPARED_STATEMENTS, document.id()));
                page = transaction.documents(AthenaStore.PREPARED_STATEMENTS, accountId + "/" + name + "/", Optional.empty(), 1000);
            }
            transaction.deleteDocument(AthenaStore.WORK_GROUPS, WorkGroups.id(accountId, name));
            return null;
        });
        return null;
    }

    private List<String> namedQueriesOf(MetadataTransaction transaction, String accountId, String workGroup)
    {
        List<String> ids = new ArrayList<>();
        Optional<String> after = Optional.empty();
        List<StoredDocument> page;
        while (!(page = transaction.documents(AthenaStore.NAMED_QUERIES, accountId + "/", after, 1000)).isEmpty()) {
            for (StoredDocument document : page) {
                if (workGroup.equals(workGroups.store().read(document, NamedQuery.class).workGroup())) {
                    ids.add(document.id());
                }
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
        return ids;
    }

    private static WorkGroupConfiguration apply(WorkGroupConfiguration current, ConfigurationUpdates updates)
    {
        ResultConfiguration result = current.resultConfiguration().orElse(ResultConfiguration.empty());
        if (updates.resultConfigurationUpdates().isPresent()) {
            ResultConfigurationUpdates change = updates.resultConfigurationUpdates().get();
            result = new ResultConfiguration(
                    change.removeOutputLocation().orElse(false) ? Optional.empty() : change.outputLocation().or(result::outputLocation),
                    change.removeEncryptionConfiguration().orElse(false) ? Optional.empty()
                            : change.encryptionConfiguration().or(result::encryptionConfiguration),
                    change.removeExpectedBucketOwner().orElse(false) ? Optional.empty() : change.expectedBucketOwner().or(result::expectedBucketOwner),
                    change.removeAclConfiguration().orElse(false) ? Optional.empty() : change.aclConfiguration().or(result::aclConfiguration));
        }
        return new WorkGroupConfiguration(Optional.of(result),
                updates.enforceWorkGroupConfiguration().or(current::enforceWorkGroupConfiguration),
                updates.publishCloudWatchMetricsEnabled().or(current::publishCloudWatchMetricsEnabled),
                updates.removeBytesScannedCutoffPerQuery().orElse(false) ? Optional.empty()
                        : updates.bytesScannedCutoffPerQuery().or(current::bytesScannedCutoffPerQuery),
                updates.requesterPaysEnabled().or(current::requesterPaysEnabled),
                current.engineVersion());
    }

    private static WorkGroupConfiguration validate(WorkGroupConfiguration configuration)
    {
        configuration.bytesScannedCutoffPerQuery().ifPresent(cutoff -> {
            if (cutoff < MINIMUM_BYTES_SCANNED_CUTOFF) {
                throw AthenaErrors.invalidInput("1 validation error detected: Value '" + cutoff + "' at 'configuration.bytesScannedCutoffPerQuery' "
                        + "failed to satisfy constraint: Member must have value greater than or equal to " + MINIMUM_BYTES_SCANNED_CUTOFF);
            }
        });
        configuration.resultConfiguration().ifPresent(OutputLocations::validate);
        return configuration;
    }
}
