package dev.tarn.athena.engine;

import dev.tarn.spi.security.RequestContext;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One statement to run.
 *
 * @param queryExecutionId the execution's id (names scratch files and CTAS/UNLOAD outputs)
 * @param sql the statement text as the client sent it
 * @param catalog the catalog from QueryExecutionContext ({@code AwsDataCatalog} by default)
 * @param database the default database from QueryExecutionContext, when given
 * @param executionParameters values for the statement's {@code ?} placeholders, as SQL literals (Athena's ExecutionParameters)
 * @param caller who runs the statement; the engine calls Glue and S3 as this caller
 * @param outputLocation the S3 folder of the query's results ({@code s3://bucket/prefix/}), where CTAS without
 *         external_location puts its table's data under {@code tables/<queryExecutionId>/}
 * @param bytesScannedCutoff when present, the engine stops the statement with {@link QueryFailure} once it read more than this
 */
public record StatementRequest(
        String queryExecutionId,
        String sql,
        String catalog,
        Optional<String> database,
        List<String> executionParameters,
        RequestContext caller,
        String outputLocation,
        Optional<Long> bytesScannedCutoff)
{
    public StatementRequest
    {
        requireNonNull(queryExecutionId, "queryExecutionId is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(database, "database is null");
        executionParameters = List.copyOf(requireNonNull(executionParameters, "executionParameters is null"));
        requireNonNull(caller, "caller is null");
        requireNonNull(outputLocation, "outputLocation is null");
        requireNonNull(bytesScannedCutoff, "bytesScannedCutoff is null");
    }
}
