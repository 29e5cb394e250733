package dev.tarn.athena.execution;

import dev.tarn.athena.AthenaStore;
import dev.tarn.athena.model.AthenaError;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The stored query executions: each record, the per-work-group history ListQueryExecutions
 * reads newest first, and the index of unfinished queries a restart fails.
 */
public final class QueryExecutions
{
    private final AthenaStore store;
    private final Clock clock;

    public QueryExecutions(AthenaStore store, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public static String id(String accountId, String queryExecutionId)
    {
        return accountId + "/" + queryExecutionId;
    }

    /** Newest first: the key counts down from the end of time, ties broken by id. */
    public static String historyId(QueryExecutionRecord record)
    {
        return historyPrefix(record.accountId(), record.workGroup())
                + String.format("%019d", Long.MAX_VALUE - record.submitted().toEpochMilli()) + "/" + record.queryExecutionId();
    }

    public static String historyPrefix(String accountId, String workGroup)
    {
        return accountId + "/" + workGroup + "/";
    }

    public void create(MetadataTransaction transaction, QueryExecutionRecord record)
    {
        String id = id(record.accountId(), record.queryExecutionId());
        store.put(transaction, AthenaStore.QUERY_EXECUTIONS, id, record);
        transaction.putDocument(new StoredDocument(AthenaStore.QUERY_HISTORY, historyId(record), "{}"));
        transaction.putDocument(new StoredDocument(AthenaStore.ACTIVE_QUERIES, id, "{}"));
    }

    /** Removes a record that was never run (its submission was refused). */
    public void forget(MetadataTransaction transaction, QueryExecutionRecord record)
    {
        String id = id(record.accountId(), record.queryExecutionId());
        transaction.deleteDocument(AthenaStore.QUERY_EXECUTIONS, id);
        transaction.deleteDocument(AthenaStore.QUERY_HISTORY, historyId(record));
        transaction.deleteDocument(AthenaStore.ACTIVE_QUERIES, id);
    }

    public Optional<QueryExecutionRecord> find(String accountId, String queryExecutionId)
    {
        return store.get(AthenaStore.QUERY_EXECUTIONS, id(accountId, queryExecutionId), QueryExecutionRecord.class);
    }

    public Optional<QueryExecutionRecord> find(MetadataReader reader, String accountId, String queryExecutionId)
    {
        return store.get(reader, AthenaStore.QUERY_EXECUTIONS, id(accountId, queryExecutionId), QueryExecutionRecord.class);
    }

    /**
     * Replaces the record with {@code change} of it when it satisfies {@code when}, in one
     * transaction; returns the stored result, or empty when the record did not qualify.
     */
    public Optional<QueryExecutionRecord> transition(String accountId, String queryExecutionId, Predicate<QueryExecutionRecord> when,
            UnaryOperator<QueryExecutionRecord> change)
    {
        return store.metadata().write(transaction -> {
            Optional<QueryExecutionRecord> current = find(transaction, accountId, queryExecutionId);
            if (current.isEmpty() || !when.test(current.get())) {
                return Optional.empty();
            }
            QueryExecutionRecord next = change.apply(current.get());
            String id = id(accountId, queryExecutionId);
            store.put(transaction, AthenaStore.QUERY_EXECUTIONS, id, next);
            if (next.state().isTerminal()) {
                transaction.deleteDocument(AthenaStore.ACTIVE_QUERIES, id);
            }
            return Optional.of(next);
        });
    }

    /** Ids in a work group's history, newest first, after the history id {@code after}. */
    public List<StoredDocument> history(String accountId, String workGroup, Optional<String> after, int limit)
    {
        return store.metadata().read(reader -> reader.documents(AthenaStore.QUERY_HISTORY, historyPrefix(accountId, workGroup), after, limit));
    }

    /** Marks every query that was queued or running when the server stopped as FAILED; returns how many. */
    public int failUnfinished(String reason)
    {
        int failed = 0;
        List<StoredDocument> page;
        Optional<String> after = Optional.empty();
        while (!(page = store.metadata().read(reader -> reader.documents(AthenaStore.ACTIVE_QUERIES, "", Optional.empty(), 100))).isEmpty()) {
            for (StoredDocument active : page) {
                int slash = active.id().indexOf('/');
                String accountId = active.id().substring(0, slash);
                String queryExecutionId = active.id().substring(slash + 1);
                Optional<QueryExecutionRecord> changed = transition(accountId, queryExecutionId, record -> !record.state().isTerminal(),
                        record -> record.ended(QueryState.FAILED, clock.instant(), reason, Optional.of(new AthenaError(1, 401, true, reason)),
                                record.dataScannedInBytes()));
                if (changed.isPresent()) {
                    failed++;
                }
                else {
                    store.metadata().write(transaction -> transaction.deleteDocument(AthenaStore.ACTIVE_QUERIES, active.id()));
                }
            }
            if (after.isPresent() && after.get().equals(page.get(page.size() - 1).id())) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
        return failed;
    }
}
