package dev.tarn.athena.workgroup;

import dev.tarn.athena.AthenaErrors;
import dev.tarn.athena.AthenaStore;
import dev.tarn.athena.model.WorkGroup;
import dev.tarn.athena.model.WorkGroupConfiguration;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataTransaction;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The stored work groups of each account. {@code primary} always exists: it is stored the first
 * time an account's work groups are read, with Athena's defaults.
 */
public final class WorkGroups
{
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]{1,128}");

    private final AthenaStore store;
    private final Clock clock;

    public WorkGroups(AthenaStore store, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public static String id(String accountId, String name)
    {
        return accountId + "/" + name;
    }

    public static String validName(String name)
    {
        AthenaErrors.required("WorkGroup", name);
        if (!NAME.matcher(name).matches()) {
            throw AthenaErrors.invalidInput("1 validation error detected: Value '" + name + "' at 'workGroup' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [a-zA-Z0-9._-]{1,128}");
        }
        return name;
    }

    /** Stores {@code primary} for the account when it is not stored yet. */
    public void ensurePrimary(String accountId)
    {
        if (store.get(AthenaStore.WORK_GROUPS, id(accountId, WorkGroup.PRIMARY), WorkGroup.class).isEmpty()) {
            store.metadata().write(transaction -> {
                if (transaction.document(AthenaStore.WORK_GROUPS, id(accountId, WorkGroup.PRIMARY)).isEmpty()) {
                    store.put(transaction, AthenaStore.WORK_GROUPS, id(accountId, WorkGroup.PRIMARY), new WorkGroup(WorkGroup.PRIMARY, WorkGroup.ENABLED,
                            new WorkGroupConfiguration(null, null, null, null, null, null).withDefaults(), Optional.empty(), clock.instant()));
                }
                return null;
            });
        }
    }

    public Optional<WorkGroup> find(MetadataReader reader, String accountId, String name)
    {
        return store.get(reader, AthenaStore.WORK_GROUPS, id(accountId, name), WorkGroup.class);
    }

    /** The work group, or InvalidRequestException as Athena answers for an unknown one. */
    public WorkGroup require(String accountId, String name)
    {
        if (WorkGroup.PRIMARY.equals(name)) {
            ensurePrimary(accountId);
        }
        return store.metadata().read(reader -> require(reader, accountId, name));
    }

    public WorkGroup require(MetadataReader reader, String accountId, String name)
    {
        return find(reader, accountId, name).orElseThrow(() -> AthenaErrors.invalidInput("WorkGroup " + name + " is not found."));
    }

    /** The work group, which must be enabled to take new queries. */
    public WorkGroup requireEnabled(String accountId, String name)
    {
        WorkGroup workGroup = require(accountId, name);
        if (!workGroup.enabled()) {
            throw AthenaErrors.invalidState("WorkGroup " + name + " is disabled.");
        }
        return workGroup;
    }

    public void put(MetadataTransaction transaction, String accountId, WorkGroup workGroup)
    {
        store.put(transaction, AthenaStore.WORK_GROUPS, id(accountId, workGroup.name()), workGroup);
    }

    public AthenaStore store()
    {
        return store;
    }

    public Clock clock()
    {
        return clock;
    }
}
