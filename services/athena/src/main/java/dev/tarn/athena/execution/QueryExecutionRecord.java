package dev.tarn.athena.execution;

import dev.tarn.athena.engine.ResultColumn;
import dev.tarn.athena.model.AthenaError;
import dev.tarn.athena.model.EngineVersion;
import dev.tarn.athena.model.QueryExecution;
import dev.tarn.athena.model.QueryExecutionContext;
import dev.tarn.athena.model.ResultConfiguration;
import dev.tarn.athena.model.ResultConfiguration.EncryptionConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A query execution as it is stored: what was asked, where it stands, and what it produced.
 * GetQueryResults reads the result's column types from here, not from the metadata file.
 *
 * @param outputLocation the folder of the result file ({@code s3://bucket/prefix/}, always ending in {@code /})
 * @param resultFile the result file's name in that folder ({@code <id>.csv}, or {@code <id>.txt} for DDL), once written
 * @param resultSize the result file's length in bytes, once written
 * @param requestFingerprint what a repeated ClientRequestToken must match (query, work group, context, output)
 */
public record QueryExecutionRecord(
        String queryExecutionId,
        String accountId,
        String query,
        String workGroup,
        String statementType,
        Optional<String> substatementType,
        QueryExecutionContext context,
        String outputLocation,
        Optional<EncryptionConfiguration> encryption,
        Optional<String> expectedBucketOwner,
        List<String> executionParameters,
        Optional<Long> bytesScannedCutoff,
        QueryState state,
        Optional<String> stateChangeReason,
        Optional<AthenaError> athenaError,
        Instant submitted,
        Optional<Instant> started,
        Optional<Instant> completed,
        long dataScannedInBytes,
        Optional<Long> updateCount,
        Optional<String> dataManifestLocation,
        Optional<String> resultFile,
        List<ResultColumn> columns,
        Optional<Long> resultSize,
        Optional<String> requestFingerprint)
{
    public QueryExecutionRecord
    {
        requireNonNull(queryExecutionId, "queryExecutionId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(query, "query is null");
        requireNonNull(workGroup, "workGroup is null");
        requireNonNull(statementType, "statementType is null");
        substatementType = orEmpty(substatementType);
        context = context == null ? new QueryExecutionContext(Optional.empty(), Optional.empty()) : context;
        requireNonNull(outputLocation, "outputLocation is null");
        encryption = orEmpty(encryption);
        expectedBucketOwner = orEmpty(expectedBucketOwner);
        executionParameters = executionParameters == null ? List.of() : List.copyOf(executionParameters);
        bytesScannedCutoff = orEmpty(bytesScannedCutoff);
        requireNonNull(state, "state is null");
        stateChangeReason = orEmpty(stateChangeReason);
        athenaError = orEmpty(athenaError);
        requireNonNull(submitted, "submitted is null");
        started = orEmpty(started);
        completed = orEmpty(completed);
        updateCount = orEmpty(updateCount);
        dataManifestLocation = orEmpty(dataManifestLocation);
        resultFile = orEmpty(resultFile);
        columns = columns == null ? List.of() : List.copyOf(columns);
        resultSize = orEmpty(resultSize);
        requestFingerprint = orEmpty(requestFingerprint);
    }

    private static <T> Optional<T> orEmpty(Optional<T> value)
    {
        return value == null ? Optional.empty() : value;
    }

    public QueryExecutionRecord running(Instant now)
    {
        return new QueryExecutionRecord(queryExecutionId, accountId, query, workGroup, statementType, substatementType, context, outputLocation,
                encryption, expectedBucketOwner, executionParameters, bytesScannedCutoff, QueryState.RUNNING, Optional.empty(), Optional.empty(),
                submitted, Optional.of(now), Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), requestFingerprint);
    }

    public QueryExecutionRecord succeeded(Instant now, String statementType, String substatementType, long scanned, Optional<Long> updateCount,
            Optional<String> manifest, String resultFile, List<ResultColumn> columns, long resultSize)
    {
        return new QueryExecutionRecord(queryExecutionId, accountId, query, workGroup, statementType, Optional.of(substatementType), context,
                outputLocation, encryption, expectedBucketOwner, executionParameters, bytesScannedCutoff, QueryState.SUCCEEDED, Optional.empty(),
                Optional.empty(), submitted, started, Optional.of(now), scanned, updateCount, manifest, Optional.of(resultFile), columns,
                Optional.of(resultSize), requestFingerprint);
    }

    /** FAILED or CANCELLED, with the reason; no result file is reported. */
    public QueryExecutionRecord ended(QueryState state, Instant now, String reason, Optional<AthenaError> error, long scanned)
    {
        return new QueryExecutionRecord(queryExecutionId, accountId, query, workGroup, statementType, substatementType, context, outputLocation,
                encryption, expectedBucketOwner, executionParameters, bytesScannedCutoff, state, Optional.of(reason), error, submitted, started,
                Optional.of(now), scanned, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), requestFingerprint);
    }

    /** The S3 URL GetQueryExecution reports as ResultConfiguration.OutputLocation. */
    public String resultLocation()
    {
        return outputLocation + resultFile.orElse(queryExecutionId + ("DDL".equals(statementType) ? ".txt" : ".csv"));
    }

    /** The API's view, with {@code scannedWhileRunning} standing in for the stored total while the query runs. */
    public QueryExecution toQueryExecution(long scannedWhileRunning, Instant now)
    {
        long scanned = state == QueryState.RUNNING ? Math.max(scannedWhileRunning, dataScannedInBytes) : dataScannedInBytes;
        Optional<Long> queueMillis = started.map(start -> millis(submitted, start)).or(() -> state == QueryState.QUEUED
                ? Optional.of(millis(submitted, now)) : completed.map(end -> millis(submitted, end)));
        Optional<Long> engineMillis = started.map(start -> millis(start, completed.orElse(now)));
        Optional<Long> totalMillis = Optional.of(millis(submitted, completed.orElse(now)));
        QueryExecution.Statistics statistics = new QueryExecution.Statistics(engineMillis, scanned, dataManifestLocation, totalMillis, queueMillis,
                Optional.of(0L), Optional.of(0L), completed.map(end -> 0L), new QueryExecution.ResultReuseInformation(false));
        QueryExecution.Status status = new QueryExecution.Status(state.name(), stateChangeReason, submitted, completed, athenaError);
        ResultConfiguration result = new ResultConfiguration(Optional.of(resultLocation()), encryption, expectedBucketOwner, Optional.empty());
        return new QueryExecution(queryExecutionId, query, statementType, result, context, status, statistics, workGroup, EngineVersion.current(),
                executionParameters.isEmpty() ? Optional.empty() : Optional.of(executionParameters), substatementType);
    }

    private static long millis(Instant from, Instant to)
    {
        return Math.max(0, Duration.between(from, to).toMillis());
    }
}
