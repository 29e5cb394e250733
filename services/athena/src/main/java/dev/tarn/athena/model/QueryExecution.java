package dev.tarn.athena.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A query execution as GetQueryExecution returns it. */
public record QueryExecution(
        String queryExecutionId,
        String query,
        String statementType,
        ResultConfiguration resultConfiguration,
        QueryExecutionContext queryExecutionContext,
        Status status,
        Statistics statistics,
        String workGroup,
        EngineVersion engineVersion,
        Optional<List<String>> executionParameters,
        Optional<String> substatementType)
{
    public record Status(String state, Optional<String> stateChangeReason, Instant submissionDateTime, Optional<Instant> completionDateTime,
            Optional<AthenaError> athenaError) {}

    public record Statistics(
            Optional<Long> engineExecutionTimeInMillis,
            long dataScannedInBytes,
            Optional<String> dataManifestLocation,
            Optional<Long> totalExecutionTimeInMillis,
            Optional<Long> queryQueueTimeInMillis,
            Optional<Long> servicePreProcessingTimeInMillis,
            Optional<Long> queryPlanningTimeInMillis,
            Optional<Long> serviceProcessingTimeInMillis,
            ResultReuseInformation resultReuseInformation) {}

    public record ResultReuseInformation(boolean reusedPreviousResult) {}
}
