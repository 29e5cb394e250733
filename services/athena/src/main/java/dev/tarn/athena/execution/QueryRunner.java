package dev.tarn.athena.execution;

import dev.tarn.athena.AthenaErrors;
import dev.tarn.athena.engine.QueryEngine;
import dev.tarn.athena.engine.QueryFailure;
import dev.tarn.athena.engine.StatementRequest;
import dev.tarn.athena.engine.StatementResult;
import dev.tarn.athena.model.AthenaError;
import dev.tarn.athena.model.DataCatalog;
import dev.tarn.athena.model.PreparedStatement;
import dev.tarn.athena.prepared.PreparedStatements;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Runs query executions in the background on a bounded pool: QUEUED until a thread takes it,
 * RUNNING while the engine works, then SUCCEEDED (result file uploaded to the output location as
 * the caller), FAILED or CANCELLED. A result file is uploaded before SUCCEEDED is recorded, and
 * a query that fails reports none. RUNNING lives in memory only ({@link RunningQuery}): the
 * stored record goes from QUEUED to its final state in one transaction.
 */
public final class QueryRunner
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(QueryRunner.class);

    public static final String SCAN_LIMIT_REASON = "Query cancelled! : Bytes scanned limit was exceeded";
    public static final String SHUTDOWN_REASON = "The server stopped while the query was running";
    public static final String CANCELLED_REASON = "Query cancelled by user";

    private static final long CANCEL_REPEAT_MILLIS = 250;

    private final QueryExecutions executions;
    private final PreparedStatements preparedStatements;
    private final QueryEngine engine;
    private final ResultObjects results;
    private final Path scratch;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final ExecutorService uploads;
    private final Map<String, RunningQuery> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService canceller;

    /**
     * @param threads how many statements run at once
     * @param queueCapacity how many more may wait; beyond that StartQueryExecution is throttled
     */
    public QueryRunner(QueryExecutions executions, PreparedStatements preparedStatements, QueryEngine engine, ResultObjects results, Path scratch,
            Clock clock, int threads, int queueCapacity)
    {
        this.executions = requireNonNull(executions, "executions is null");
        this.preparedStatements = requireNonNull(preparedStatements, "preparedStatements is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.results = requireNonNull(results, "results is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        this.clock = requireNonNull(clock, "clock is null");
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), runnable -> {
            Thread thread = new Thread(runnable, "athena-query-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // a result's .metadata is uploaded beside its data file: their writes wait on the disk in parallel
        this.uploads = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "athena-result-upload");
            thread.setDaemon(true);
            return thread;
        });
        this.canceller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "athena-query-canceller");
            thread.setDaemon(true);
            return thread;
        });
        canceller.scheduleWithFixedDelay(this::repeatCancels, CANCEL_REPEAT_MILLIS, CANCEL_REPEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void repeatCancels()
    {
        try {
            running.values().forEach(RunningQuery::repeatCancel);
        }
        catch (RuntimeException e) {
            log.warn("Could not repeat a cancellation", e);
        }
    }

    /**
     * Makes the record's execution known before the record is stored, so that a
     * StopQueryExecution of the stored record always finds it (and a stopped one never starts).
     * Followed by {@link #submit} once the record is stored, or by {@link #unreserve} if it is not.
     */
    public void reserve(QueryExecutionRecord record)
    {
        running.put(QueryExecutions.id(record.accountId(), record.queryExecutionId()), new RunningQuery(record.bytesScannedCutoff()));
    }

    /** Forgets a reservation whose record was not stored. */
    public void unreserve(QueryExecutionRecord record)
    {
        RunningQuery control = running.remove(QueryExecutions.id(record.accountId(), record.queryExecutionId()));
        if (control != null) {
            control.ended();
        }
    }

    /**
     * Queues the stored QUEUED record, reserved before; TooManyRequestsException when the queue is
     * full (the reservation is dropped; the caller removes the record it stored).
     */
    public void submit(QueryExecutionRecord record, RequestContext caller)
    {
        String key = QueryExecutions.id(record.accountId(), record.queryExecutionId());
        RunningQuery control = running.get(key);
        if (control == null) {
            throw new IllegalStateException("Query execution " + record.queryExecutionId() + " was not reserved");
        }
        try {
            executor.execute(() -> run(record, caller, control));
        }
        catch (RejectedExecutionException e) {
            unreserve(record);
            throw AthenaErrors.TOO_MANY_REQUESTS.exception("You have exceeded the limit for the number of queries you can run concurrently. "
                    + "Reduce the number of concurrent queries submitted by this account.").with("Reason", "CONCURRENT_QUERY_LIMIT_EXCEEDED");
        }
    }

    /** The record as it stands now: a stored QUEUED record whose statement started is RUNNING. */
    public QueryExecutionRecord current(QueryExecutionRecord stored)
    {
        if (stored.state() != QueryState.QUEUED) {
            return stored;
        }
        RunningQuery control = running.get(QueryExecutions.id(stored.accountId(), stored.queryExecutionId()));
        return control == null ? stored : control.started().map(stored::running).orElse(stored);
    }

    /** The bytes a query has read so far, while it runs. */
    public long scannedBytes(String accountId, String queryExecutionId)
    {
        RunningQuery control = running.get(QueryExecutions.id(accountId, queryExecutionId));
        return control == null ? 0 : control.scannedBytes();
    }

    /** StopQueryExecution: a queued query ends CANCELLED at once, a running one when its engine stops. */
    public void stop(String accountId, String queryExecutionId)
    {
        RunningQuery control = running.get(QueryExecutions.id(accountId, queryExecutionId));
        if (control != null) {
            control.stop(RunningQuery.StopReason.USER);
        }
        // once stopped, a control that had not started never will, and a started one is ended by its runner
        if (control == null || control.started().isEmpty()) {
            executions.transition(accountId, queryExecutionId, record -> record.state() == QueryState.QUEUED,
                    record -> record.ended(QueryState.CANCELLED, clock.instant(), CANCELLED_REASON, Optional.empty(), 0));
        }
    }

    private void run(QueryExecutionRecord queued, RequestContext caller, RunningQuery control)
    {
        String key = QueryExecutions.id(queued.accountId(), queued.queryExecutionId());
        try {
            // a StopQueryExecution before this point found the control (it was reserved before the record was stored)
            if (control.start(clock.instant())) {
                execute(queued, caller, control);
            }
        }
        catch (RuntimeException | Error e) {
            log.error("Query {} failed unexpectedly", queued.queryExecutionId(), e);
            end(queued, QueryState.FAILED, "Internal error: " + e.getClass().getSimpleName(), QueryFailure.Category.SYSTEM, 401, control);
        }
        finally {
            running.remove(key);
            control.ended();
        }
    }

    /**
     * Waits at most {@code timeout} for a query that is queued or running here to end. A client
     * polling GetQueryExecution every few milliseconds then gets its answer as soon as the query
     * ends, without a poll's work (signature, authorization, a read) every few milliseconds
     * competing with the query for the cores.
     */
    public void awaitEnd(String accountId, String queryExecutionId, Duration timeout)
    {
        RunningQuery control = running.get(QueryExecutions.id(accountId, queryExecutionId));
        if (control == null) {
            return;
        }
        try {
            control.awaitEnd(timeout);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void execute(QueryExecutionRecord record, RequestContext caller, RunningQuery control)
    {
        StatementRequest request;
        try {
            request = statementRequest(record, caller);
        }
        catch (QueryFailure failure) {
            end(record, QueryState.FAILED, failure.getMessage(), failure.category(), failure.errorType(), control);
            return;
        }
        Path csv = scratch.resolve(record.queryExecutionId() + ".csv");
        Path text = scratch.resolve(record.queryExecutionId() + ".txt");
        Path metadata = scratch.resolve(record.queryExecutionId() + ".metadata");
        try {
            StatementResult result;
            ResultFileWriter writer = new ResultFileWriter(csv);
            try (writer) {
                if (control.isCancelled()) {
                    throw QueryFailure.cancelled();
                }
                result = engine.execute(request, control, writer);
                writer.finish();
            }
            if (control.stopReason().isPresent()) {
                endStopped(record, control);
                return;
            }
            boolean ddl = "DDL".equals(result.statementType());
            Path file = ddl ? writer.toDdlText(text) : csv;
            String fileName = record.queryExecutionId() + (ddl ? ".txt" : ".csv");
            ResultObjects.WriteOptions options = new ResultObjects.WriteOptions(record.encryption(), record.expectedBucketOwner());
            String url = record.outputLocation() + fileName;
            Files.writeString(metadata, ResultMetadata.json(writer.resultColumns(), writer.rows()));
            Optional<AwsException> refused = upload(caller, List.of(
                    new Upload(url, file, ddl ? "text/plain" : "text/csv"), new Upload(url + ".metadata", metadata, "application/json")), options);
            if (refused.isPresent()) {
                end(record, QueryState.FAILED, outputFailure(refused.get(), url), QueryFailure.Category.USER, 1207, control);
                return;
            }
            long size = Files.size(file);
            Instant started = control.started().orElseThrow();
            executions.transition(record.accountId(), record.queryExecutionId(), current -> current.state() == QueryState.QUEUED,
                    current -> current.running(started).succeeded(clock.instant(), result.statementType(), result.substatementType(),
                            Math.max(result.dataScannedBytes(), control.scannedBytes()), result.rowsWritten(), result.dataManifestLocation(), fileName,
                            writer.resultColumns(), size));
        }
        catch (QueryFailure failure) {
            if (control.stopReason().isPresent()) {
                endStopped(record, control);
            }
            else if (failure.isCancelled()) {
                end(record, QueryState.CANCELLED, CANCELLED_REASON, QueryFailure.Category.USER, 1, control);
            }
            else {
                end(record, QueryState.FAILED, failure.getMessage(), failure.category(), failure.errorType(), control);
            }
        }
        catch (IOException e) {
            log.error("Query {} could not write its result", record.queryExecutionId(), e);
            end(record, QueryState.FAILED, "Internal error: the result could not be written", QueryFailure.Category.SYSTEM, 401, control);
        }
        catch (UncheckedIOException e) {
            log.error("Query {} could not write its result", record.queryExecutionId(), e);
            end(record, QueryState.FAILED, "Internal error: the result could not be written", QueryFailure.Category.SYSTEM, 401, control);
        }
        finally {
            deleteQuietly(csv);
            deleteQuietly(text);
            deleteQuietly(metadata);
        }
    }

    private record Upload(String url, Path file, String contentType) {}

    /**
     * Uploads the files at once (the first on this thread, the others beside it) and waits for all
     * of them; returns the first refusal. Every upload has ended when this returns, so the scratch
     * files can be deleted.
     */
    private Optional<AwsException> upload(RequestContext caller, List<Upload> files, ResultObjects.WriteOptions options)
    {
        List<Future<?>> others = new ArrayList<>();
        for (Upload upload : files.subList(1, files.size())) {
            others.add(uploads.submit(() -> results.put(caller, upload.url(), upload.file(), upload.contentType(), options)));
        }
        Optional<AwsException> refused = Optional.empty();
        try {
            Upload first = files.get(0);
            results.put(caller, first.url(), first.file(), first.contentType(), options);
        }
        catch (AwsException e) {
            refused = Optional.of(e);
        }
        for (Future<?> other : others) {
            try {
                other.get();
            }
            catch (ExecutionException e) {
                if (e.getCause() instanceof AwsException aws) {
                    refused = refused.or(() -> Optional.of(aws));
                }
                else if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                else {
                    throw new IllegalStateException(e.getCause());
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while uploading a result", e);
            }
        }
        return refused;
    }

    private StatementRequest statementRequest(QueryExecutionRecord record, RequestContext caller)
            throws QueryFailure
    {
        String sql = record.query();
        List<String> parameters = record.executionParameters();
        Optional<ExecuteStatement> execute;
        try {
            execute = ExecuteStatement.parse(sql);
        }
        catch (IllegalArgumentException e) {
            throw QueryFailure.failed(QueryFailure.Category.USER, 1001, "line 1:1: " + e.getMessage());
        }
        if (execute.isPresent()) {
            Optional<PreparedStatement> prepared = preparedStatements.find(record.accountId(), record.workGroup(), execute.get().statementName());
            if (prepared.isEmpty()) {
                throw QueryFailure.failed(QueryFailure.Category.USER, 1100, "PreparedStatement " + execute.get().statementName()
                        + " was not found in workGroup " + record.workGroup());
            }
            if (!execute.get().parameters().isEmpty() && !parameters.isEmpty()) {
                throw QueryFailure.failed(QueryFailure.Category.USER, 1100, "Execution parameters were given both in USING and as ExecutionParameters");
            }
            sql = prepared.get().queryStatement();
            parameters = execute.get().parameters().isEmpty() ? parameters : execute.get().parameters();
        }
        return new StatementRequest(record.queryExecutionId(), sql, record.context().catalog().orElse(DataCatalog.AWS_DATA_CATALOG),
                record.context().database(), parameters, caller, record.outputLocation(), record.bytesScannedCutoff());
    }

    private void endStopped(QueryExecutionRecord record, RunningQuery control)
    {
        switch (control.stopReason().orElseThrow()) {
            case USER -> end(record, QueryState.CANCELLED, CANCELLED_REASON, QueryFailure.Category.USER, 1, control);
            case SCAN_LIMIT -> end(record, QueryState.FAILED, SCAN_LIMIT_REASON, QueryFailure.Category.USER, 1102, control);
            case SHUTDOWN -> end(record, QueryState.FAILED, SHUTDOWN_REASON, QueryFailure.Category.SYSTEM, 401, control);
        }
    }

    private void end(QueryExecutionRecord record, QueryState state, String reason, QueryFailure.Category category, int errorType, RunningQuery control)
    {
        Optional<AthenaError> error = state == QueryState.FAILED
                ? Optional.of(new AthenaError(category.code(), errorType, category == QueryFailure.Category.SYSTEM, reason))
                : Optional.empty();
        Optional<Instant> started = control.started();
        executions.transition(record.accountId(), record.queryExecutionId(), current -> !current.state().isTerminal(),
                current -> started.map(current::running).orElse(current).ended(state, clock.instant(), reason, error, control.scannedBytes()));
    }

    private static String outputFailure(AwsException e, String url)
    {
        if (e.code().equals("AccessDenied")) {
            return "Access denied when writing output to url: " + url + " . Please ensure you are allowed to access the S3 bucket. "
                    + "If you are encrypting query results with KMS key, please ensure you are allowed to access your KMS key";
        }
        if (e.code().equals("NoSuchBucket")) {
            return "Unable to verify/create output bucket " + url.substring("s3://".length()).split("/", 2)[0];
        }
        return "Error writing output to url: " + url + " : " + e.code() + ": " + e.getMessage();
    }

    private static void deleteQuietly(Path file)
    {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            log.warn("Could not delete scratch file {}", file, e);
        }
    }

    /** Stops running statements (they end FAILED, as the server is stopping) and waits briefly for them. */
    @Override
    public void close()
    {
        executor.shutdown();
        running.values().forEach(control -> control.stop(RunningQuery.StopReason.SHUTDOWN));
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Queries still running at shutdown; they are marked failed on the next start");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            canceller.shutdownNow();
            uploads.shutdownNow();
        }
    }
}
