package dev.tarn.athena.execution;

import dev.tarn.athena.AthenaAccess;
import dev.tarn.athena.AthenaErrors;
import dev.tarn.athena.AthenaStore;
import dev.tarn.athena.Paging;
import dev.tarn.athena.RequestTokens;
import dev.tarn.athena.engine.ResultColumn;
import dev.tarn.athena.model.QueryExecution;
import dev.tarn.athena.model.QueryExecutionContext;
import dev.tarn.athena.model.ResultConfiguration;
import dev.tarn.athena.model.WorkGroup;
import dev.tarn.athena.workgroup.OutputLocations;
import dev.tarn.athena.workgroup.WorkGroups;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import static dev.tarn.athena.AthenaErrors.required;
import static java.util.Objects.requireNonNull;

/**
 * StartQueryExecution, GetQueryExecution, BatchGetQueryExecution, ListQueryExecutions,
 * StopQueryExecution, GetQueryResults and GetQueryRuntimeStatistics. Every operation on an
 * execution is authorized on the work group it ran in.
 */
public final class QueryExecutionOperations
{
    private static final int MAX_QUERY_LENGTH = 262144;
    /** How long GetQueryExecution of an unfinished query waits for it to end before answering. */
    private static final Duration UNFINISHED_WAIT = Duration.ofSeconds(1);
    /** How many GetQueryExecution calls may wait at once: each holds a request thread; the others answer at once. */
    private static final int MAX_WAITING = 32;

    private final QueryExecutions executions;
    private final QueryRunner runner;
    private final ResultPages pages;
    private final WorkGroups workGroups;
    private final AthenaAccess access;
    private final Clock clock;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    public QueryExecutionOperations(QueryExecutions executions, QueryRunner runner, ResultPages pages, WorkGroups workGroups, AthenaAccess access,
            Clock clock)
    {
        this.executions = requireNonNull(executions, "executions is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.pages = requireNonNull(pages, "pages is null");
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public record StartQueryExecutionRequest(String queryString, Optional<String> clientRequestToken, Optional<QueryExecutionContext> queryExecutionContext,
            Optional<ResultConfiguration> resultConfiguration, Optional<String> workGroup, Optional<List<String>> executionParameters) {}

    public record StartQueryExecutionResponse(String queryExecutionId) {}

    public record QueryExecutionRequest(String queryExecutionId) {}

    public record GetQueryExecutionResponse(QueryExecution queryExecution) {}

    public record BatchGetQueryExecutionRequest(List<String> queryExecutionIds) {}

    public record UnprocessedQueryExecutionId(String queryExecutionId, String errorCode, String errorMessage) {}

    public record BatchGetQueryExecutionResponse(List<QueryExecution> queryExecutions, List<UnprocessedQueryExecutionId> unprocessedQueryExecutionIds) {}

    public record ListQueryExecutionsRequest(Optional<String> nextToken, Optional<Integer> maxResults, Optional<String> workGroup) {}

    public record ListQueryExecutionsResponse(List<String> queryExecutionIds, Optional<String> nextToken) {}

    public record GetQueryResultsRequest(String queryExecutionId, Optional<String> nextToken, Optional<Integer> maxResults, Optional<String> queryResultType) {}

    public record Datum(Optional<String> varCharValue) {}

    public record Row(List<Datum> data) {}

    public record ColumnInfo(String catalogName, String schemaName, String tableName, String name, String label, String type, int precision, int scale,
            String nullable, boolean caseSensitive) {}

    public record ResultSetMetadata(List<ColumnInfo> columnInfo) {}

    public record ResultSet(List<Row> rows, ResultSetMetadata resultSetMetadata) {}

    public record GetQueryResultsResponse(long updateCount, ResultSet resultSet, Optional<String> nextToken) {}

    public record Timeline(Optional<Long> queryQueueTimeInMillis, Optional<Long> servicePreProcessingTimeInMillis, Optional<Long> queryPlanningTimeInMillis,
            Optional<Long> engineExecutionTimeInMillis, Optional<Long> serviceProcessingTimeInMillis, Optional<Long> totalExecutionTimeInMillis) {}

    public record RuntimeRows(long inputBytes, Optional<Long> outputBytes) {}

    public record QueryRuntimeStatistics(Timeline timeline, RuntimeRows rows) {}

    public record GetQueryRuntimeStatisticsResponse(QueryRuntimeStatistics queryRuntimeStatistics) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("StartQueryExecution", StartQueryExecutionRequest.class, this::startQueryExecution));
        registry.operation(new ActionOperation<>("GetQueryExecution", QueryExecutionRequest.class, this::getQueryExecution));
        registry.operation(new ActionOperation<>("BatchGetQueryExecution", BatchGetQueryExecutionRequest.class, this::batchGetQueryExecution));
        registry.operation(new ActionOperation<>("ListQueryExecutions", ListQueryExecutionsRequest.class, this::listQueryExecutions));
        registry.operation(new ActionOperation<>("StopQueryExecution", QueryExecutionRequest.class, this::stopQueryExecution));
        registry.operation(new ActionOperation<>("GetQueryResults", GetQueryResultsRequest.class, this::getQueryResults));
        registry.operation(new ActionOperation<>("GetQueryRuntimeStatistics", QueryExecutionRequest.class, this::getQueryRuntimeStatistics));
    }

    StartQueryExecutionResponse startQueryExecution(RequestContext context, StartQueryExecutionRequest request)
    {
        String query = required("QueryString", request.queryString());
        if (query.length() > MAX_QUERY_LENGTH) {
            throw AthenaErrors.invalidInput("1 validation error detected: Value at 'queryString' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_QUERY_LENGTH);
        }
        String workGroupName = WorkGroups.validName(request.workGroup().orElse(WorkGroup.PRIMARY));
        access.onWorkGroup(context, "StartQueryExecution", workGroupName);
        Optional<String> token = request.clientRequestToken().map(RequestTokens::validate);
        List<String> parameters = request.executionParameters().orElse(List.of());
        for (String parameter : parameters) {
            if (parameter == null || parameter.isEmpty() || parameter.length() > 1024) {
                throw AthenaErrors.invalidInput("1 validation error detected: Value at 'executionParameters' failed to satisfy constraint: "
                        + "Member must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1]");
            }
        }
        String accountId = context.caller().accountId();
        WorkGroup workGroup = workGroups.requireEnabled(accountId, workGroupName);
        ResultConfiguration result = effectiveResultConfiguration(workGroup, request.resultConfiguration().orElse(ResultConfiguration.empty()));
        OutputLocations.validate(result);
        String outputLocation = OutputLocations.folder(result.outputLocation().orElseThrow(() -> AthenaErrors.invalidInput(
                "No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.")));
        QueryExecutionContext executionContext = request.queryExecutionContext().orElse(new QueryExecutionContext(Optional.empty(), Optional.empty()));
        String fingerprint = RequestTokens.fingerprint(query, workGroupName, executionContext.database().orElse(""), executionContext.catalog().orElse(""),
                outputLocation, String.join("\u0000", parameters));
        QueryExecutionRecord record = new QueryExecutionRecord(UUID.randomUUID().toString(), accountId, query, workGroupName, StatementTypes.of(query),
                Optional.empty(), executionContext, outputLocation, result.encryptionConfiguration(), result.expectedBucketOwner(), parameters,
                workGroup.configuration().bytesScannedCutoffPerQuery(), QueryState.QUEUED, Optional.empty(), Optional.empty(), clock.instant(),
                Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.of(fingerprint));
        AthenaStore store = workGroups.store();
        runner.reserve(record);
        boolean stored = false;
        try {
            Optional<String> existing = store.metadata().write(transaction -> storeOrFindClaimed(transaction, store, accountId, token, fingerprint, record));
            if (existing.isPresent()) {
                return new StartQueryExecutionResponse(existing.get());
            }
            stored = true;
        }
        finally {
            if (!stored) {
                runner.unreserve(record);
            }
        }
        try {
            runner.submit(record, context);
        }
        catch (AwsException e) {
            // a refused execution leaves no trace, nor a claim on its token: a retry with the token starts it anew
            store.metadata().write(transaction -> {
                executions.forget(transaction, record);
                token.ifPresent(value -> store.delete(transaction, AthenaStore.REQUEST_TOKENS, RequestTokens.id(accountId, "query-execution", value)));
                return null;
            });
            throw e;
        }
        return new StartQueryExecutionResponse(record.queryExecutionId());
    }

    /** Stores the record, unless its ClientRequestToken was used before: then the execution it started. */
    private Optional<String> storeOrFindClaimed(MetadataTransaction transaction, AthenaStore store, String accountId, Optional<String> token,
            String fingerprint, QueryExecutionRecord record)
    {
        if (token.isPresent()) {
            String tokenId = RequestTokens.id(accountId, "query-execution", token.get());
            Optional<RequestTokens.Claim> claim = store.get(transaction, AthenaStore.REQUEST_TOKENS, tokenId, RequestTokens.Claim.class);
            if (claim.isPresent()) {
                if (!claim.get().fingerprint().equals(fingerprint)) {
                    throw AthenaErrors.invalidInput("Idempotent parameters do not match: the ClientRequestToken was used with a different request");
                }
                return Optional.of(claim.get().resourceId());
            }
            store.put(transaction, AthenaStore.REQUEST_TOKENS, tokenId, new RequestTokens.Claim(record.queryExecutionId(), fingerprint));
        }
        executions.create(transaction, record);
        return Optional.empty();
    }

    /** The work group's result settings override the request's when enforced; otherwise the request's win member by member. */
    private static ResultConfiguration effectiveResultConfiguration(WorkGroup workGroup, ResultConfiguration requested)
    {
        ResultConfiguration configured = workGroup.configuration().resultConfiguration().orElse(ResultConfiguration.empty());
        if (workGroup.configuration().enforced() && configured.outputLocation().isPresent()) {
            return configured;
        }
        return new ResultConfiguration(requested.outputLocation().or(configured::outputLocation),
                requested.encryptionConfiguration().or(configured::encryptionConfiguration),
                requested.expectedBucketOwner().or(configured::expectedBucketOwner),
                requested.aclConfiguration().or(configured::aclConfiguration));
    }

    GetQueryExecutionResponse getQueryExecution(RequestContext context, QueryExecutionRequest request)
    {
        QueryExecutionRecord record = require(context, request.queryExecutionId(), "GetQueryExecution");
        if (!record.state().isTerminal()) {
            // answer when the query ends, or after a short wait with its state then
            if (waiting.tryAcquire()) {
                try {
                    runner.awaitEnd(record.accountId(), record.queryExecutionId(), UNFINISHED_WAIT);
                }
                finally {
                    waiting.release();
                }
                record = runner.current(executions.find(record.accountId(), record.queryExecutionId()).orElse(record));
            }
        }
        return new GetQueryExecutionResponse(view(record));
    }

    BatchGetQueryExecutionResponse batchGetQueryExecution(RequestContext context, BatchGetQueryExecutionRequest request)
    {
        List<String> ids = required("QueryExecutionIds", request.queryExecutionIds());
        if (ids.isEmpty() || ids.size() > 50) {
            throw AthenaErrors.invalidInput("1 validation error detected: Value at 'queryExecutionIds' failed to satisfy constraint: "
                    + "Member must have length between 1 and 50");
        }
        List<QueryExecution> found = new ArrayList<>();
        List<UnprocessedQueryExecutionId> unprocessed = new ArrayList<>();
        for (String id : ids) {
            try {
                found.add(view(require(context, id, "BatchGetQueryExecution")));
            }
            catch (AwsException e) {
                unprocessed.add(new UnprocessedQueryExecutionId(id, e.details().getOrDefault("AthenaErrorCode", e.code()), e.getMessage()));
            }
        }
        return new BatchGetQueryExecutionResponse(found, unprocessed);
    }

    ListQueryExecutionsResponse listQueryExecutions(RequestContext context, ListQueryExecutionsRequest request)
    {
        String workGroupName = WorkGroups.validName(request.workGroup().orElse(WorkGroup.PRIMARY));
        access.onWorkGroup(context, "ListQueryExecutions", workGroupName);
        int limit = Paging.limit(request.maxResults(), 0, 50, 50);
        int pageSize = limit == 0 ? 50 : limit;
        String accountId = context.caller().accountId();
        workGroups.require(accountId, workGroupName);
        List<StoredDocument> found = executions.history(accountId, workGroupName, Paging.after(request.nextToken()), pageSize + 1);
        Paging.Page<StoredDocument> page = Paging.Page.of(found, pageSize, StoredDocument::id);
        return new ListQueryExecutionsResponse(page.items().stream().map(document -> document.id().substring(document.id().lastIndexOf('/') + 1)).toList(),
                page.nextToken());
    }

    Void stopQueryExecution(RequestContext context, QueryExecutionRequest request)
    {
        QueryExecutionRecord record = require(context, request.queryExecutionId(), "StopQueryExecution");
        if (!record.state().isTerminal()) {
            runner.stop(record.accountId(), record.queryExecutionId());
        }
        return null;
    }

    GetQueryResultsResponse getQueryResults(RequestContext context, GetQueryResultsRequest request)
    {
        QueryExecutionRecord record = require(context, request.queryExecutionId(), "GetQueryResults");
        int maxResults = Paging.limit(request.maxResults(), 1, 1000, 1000);
        request.queryResultType().filter(type -> !type.equals("DATA_ROWS")).ifPresent(type -> {
            throw AthenaErrors.invalidInput("QueryResultType " + type + " is not supported; only DATA_ROWS");
        });
        if (record.state() == QueryState.QUEUED || record.state() == QueryState.RUNNING) {
            throw AthenaErrors.invalidState("Query has not yet finished. Current state: " + record.state());
        }
        if (record.state() != QueryState.SUCCEEDED) {
            throw AthenaErrors.invalidState("Query did not finish successfully. Final query state: " + record.state()
                    + record.stateChangeReason().map(reason -> "\n" + reason).orElse(""));
        }
        long offset = request.nextToken().filter(token -> !token.isEmpty()).map(QueryExecutionOperations::offset).orElse(0L);
        long size = record.resultSize().orElse(0L);
        if (offset > size) {
            throw AthenaErrors.invalidInput("Invalid NextToken");
        }
        boolean csv = record.resultFile().map(file -> file.endsWith(".csv")).orElse(true);
        ResultPages.Page page = pages.read(context, record.resultLocation(), size, csv, offset, maxResults);
        List<Row> rows = page.rows().stream().map(values -> new Row(values.stream().map(Datum::new).toList())).toList();
        List<ColumnInfo> columns = record.columns().stream().map(QueryExecutionOperations::columnInfo).toList();
        return new GetQueryResultsResponse(record.updateCount().orElse(0L), new ResultSet(rows, new ResultSetMetadata(columns)),
                page.nextOffset().map(next -> Paging.token("offset:" + next)));
    }

    GetQueryRuntimeStatisticsResponse getQueryRuntimeStatistics(RequestContext context, QueryExecutionRequest request)
    {
        QueryExecutionRecord record = require(context, request.queryExecutionId(), "GetQueryRuntimeStatistics");
        QueryExecution.Statistics statistics = view(record).statistics();
        Timeline timeline = new Timeline(statistics.queryQueueTimeInMillis(), statistics.servicePreProcessingTimeInMillis(),
                statistics.queryPlanningTimeInMillis(), statistics.engineExecutionTimeInMillis(), statistics.serviceProcessingTimeInMillis(),
                statistics.totalExecutionTimeInMillis());
        return new GetQueryRuntimeStatisticsResponse(new QueryRuntimeStatistics(timeline,
                new RuntimeRows(statistics.dataScannedInBytes(), record.resultSize())));
    }

    private static long offset(String token)
    {
        String value = Paging.decode(token);
        if (!value.startsWith("offset:")) {
            throw AthenaErrors.invalidInput("Invalid NextToken");
        }
        try {
            long offset = Long.parseLong(value.substring("offset:".length()));
            if (offset < 0) {
                throw AthenaErrors.invalidInput("Invalid NextToken");
            }
            return offset;
        }
        catch (NumberFormatException e) {
            throw AthenaErrors.invalidInput("Invalid NextToken");
        }
    }

    private static ColumnInfo columnInfo(ResultColumn column)
    {
        return new ColumnInfo("hive", "", "", column.name(), column.name(), column.type(), column.precision(), column.scale(), column.nullable(),
                column.type().equals("varchar") || column.type().equals("char"));
    }

    private QueryExecution view(QueryExecutionRecord record)
    {
        return record.toQueryExecution(runner.scannedBytes(record.accountId(), record.queryExecutionId()), clock.instant());
    }

    private QueryExecutionRecord require(RequestContext context, String queryExecutionId, String operation)
    {
        required("QueryExecutionId", queryExecutionId);
        QueryExecutionRecord record = executions.find(context.caller().accountId(), queryExecutionId)
                .orElseThrow(() -> AthenaErrors.notFound("QueryExecution " + queryExecutionId + " was not found"));
        access.onWorkGroup(context, operation, record.workGroup());
        return runner.current(record);
    }
}
