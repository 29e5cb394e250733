package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.QueryControl;
import dev.tarn.athena.engine.ResultSink;
import dev.tarn.athena.engine.StatementRequest;
import dev.tarn.athena.engine.catalog.GlueCatalog;
import dev.tarn.athena.engine.catalog.S3Objects;

import static java.util.Objects.requireNonNull;

/** What one statement works with: its request, its control, the caller's catalog and S3, its scratch space. */
record StatementContext(StatementRequest request, QueryControl control, ResultSink sink, GlueCatalog glue, S3Objects s3, ScanBudget budget,
        ScratchSpace scratch, DuckDbDatabase database)
{
    StatementContext
    {
        requireNonNull(request, "request is null");
        requireNonNull(control, "control is null");
        requireNonNull(sink, "sink is null");
        requireNonNull(glue, "glue is null");
        requireNonNull(s3, "s3 is null");
        requireNonNull(budget, "budget is null");
        requireNonNull(scratch, "scratch is null");
        requireNonNull(database, "database is null");
    }

    TableSources tableSources()
    {
        return new TableSources(glue, s3, scratch, request.database());
    }
}
