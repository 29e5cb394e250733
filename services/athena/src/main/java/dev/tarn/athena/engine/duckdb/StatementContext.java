package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.QueryControl;
import dev.tarn.athena.engine.ResultSink;
import dev.tarn.athena.engine.StatementRequest;
import dev.tarn.athena.engine.catalog.GlueCatalog;
import dev.tarn.athena.engine.catalog.S3Objects;

import static java.util.Objects.requireNonNull;

/** What one statement works with: its request, its control, the caller's catalog and S3, its scratch space. */
record StatementContext(StatementRequest request, QueryControl control, ResultSink sink, GlueCatalog glue, S3Objects s3, ScanBudget budget,
        ScratchSpace scratch, DuckDbDatabase database,
        EngineSettings settings, PlaintextCache cache, ParquetFooters footers)
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
        requireNonNull(settings, "settings is null");
        requireNonNull(cache, "cache is null");
        requireNonNull(footers, "footers is null");
    }

    /** A table or view the statement names, in the session's database unless qualified. */
    TableSources.TableName tableName(io.trino.sql.tree.QualifiedName name)
            throws dev.tarn.athena.engine.QueryFailure
    {
        return TableSources.TableName.of(name.getParts(), request.database())
                .orElseThrow(() -> DdlRunner.failure("Schema must be specified when session schema is not set (or the catalog is not AwsDataCatalog)"));
    }

    /** The tables of {@code statement}, reading only the columns it names, every text column as text. */
    TableSources tableSources(io.trino.sql.tree.Node statement)
    {
        return tableSources(statement, false);
    }

    /** The tables of {@code statement}, reading only the columns it names; see {@link TableSources} for {@code typedText}. */
    TableSources tableSources(io.trino.sql.tree.Node statement, boolean typedText)
    {
        // one more pipe than DuckDB has threads is filled at a time, so the next is ready when a thread moves on
        RangeFill ranges = new RangeFill(s3, scratch, settings.threads());
        return new TableSources(glue, s3, scratch, new ParquetColumns(s3, scratch, ranges, cache, footers, settings.parquetRangedReadsFrom()),
                new TextScan(s3, scratch, ranges, cache, settings.csvSplitBytes(), settings.threads() + 1), request.database(),
                dev.tarn.athena.engine.sql.ReferencedNames.of(statement), dev.tarn.athena.engine.sql.EarlyStop.possible(statement), typedText);
    }
}
