package dev.tarn.athena.engine;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a finished statement reports for GetQueryExecution.
 *
 * @param statementType {@code DDL}, {@code DML} or {@code UTILITY}
 * @param substatementType Athena's sub-type, e.g. {@code SELECT}, {@code CREATE_TABLE}, {@code CREATE_TABLE_AS_SELECT},
 *         {@code INSERT}, {@code UNLOAD}, {@code CREATE_VIEW}, {@code SHOW_TABLES}, {@code DESCRIBE_TABLE}
 * @param dataScannedBytes bytes read from S3
 * @param rowsWritten rows a CTAS, INSERT INTO or UNLOAD wrote (Athena's update count)
 * @param dataManifestLocation for CTAS/INSERT/UNLOAD, the S3 object listing the files written, when one was written
 */
public record StatementResult(String statementType, String substatementType, long dataScannedBytes, Optional<Long> rowsWritten,
        Optional<String> dataManifestLocation)
{
    public StatementResult
    {
        requireNonNull(statementType, "statementType is null");
        requireNonNull(substatementType, "substatementType is null");
        requireNonNull(rowsWritten, "rowsWritten is null");
        requireNonNull(dataManifestLocation, "dataManifestLocation is null");
    }
}
