package dev.tarn.athena.engine.duckdb;

import dev.tarn.scan.NamedPipes;
import dev.tarn.athena.engine.QueryControl;
import dev.tarn.athena.engine.QueryEngine;
import dev.tarn.athena.engine.QueryFailure;
import dev.tarn.athena.engine.ResultSink;
import dev.tarn.athena.engine.StatementRequest;
import dev.tarn.athena.engine.StatementResult;
import dev.tarn.athena.engine.catalog.GlueCatalog;
import dev.tarn.athena.engine.catalog.S3Objects;
import dev.tarn.athena.engine.ddl.HiveDdlException;
import dev.tarn.athena.engine.ddl.HiveDdlParser;
import dev.tarn.athena.engine.ddl.HiveStatement;
import dev.tarn.athena.engine.sql.QueryTranslator;
import dev.tarn.athena.engine.sql.TranslationException;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.spi.error.AwsException;
import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Insert;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Statement;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The embedded engine: Athena's SQL on DuckDB. Hive DDL goes to the catalog through Glue's API;
 * queries are parsed by Trino's parser, translated onto DuckDB with their tables mapped to the
 * files they cover, and run on a private DuckDB per statement. All catalog and S3 access is done
 * as the statement's caller.
 */
public final class DuckDbQueryEngine
        implements QueryEngine
{
    /**
     * The encoded size of the Parquet footers kept decoded (beside a plaintext cache only); decoded,
     * with their statistics as objects, they take several times as much heap.
     */
    private static final long FOOTER_BYTES = 4L << 20;

    private final InProcessInvoker invoker;
    private final EngineSettings settings;
    private final DuckDbDatabase database;
    private final NamedPipes pipes;
    private final PlaintextCache cache;
    private final ParquetFooters footers;

    /** An engine without a plaintext cache. */
    public DuckDbQueryEngine(InProcessInvoker invoker, EngineSettings settings)
    {
        this(invoker, settings, PlaintextCache.none());
    }

    /** @param cache where decrypted objects are kept between statements (the engine closes it) */
    public DuckDbQueryEngine(InProcessInvoker invoker, EngineSettings settings, PlaintextCache cache)
    {
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.footers = new ParquetFooters(cache.folder().isPresent() ? FOOTER_BYTES : 0);
        this.database = DuckDbDatabase.open(settings, cache.folder());
        this.pipes = new NamedPipes(settings.scratchDirectory().resolve("pipes"));
    }

    @Override
    public StatementResult execute(StatementRequest request, QueryControl control, ResultSink sink)
            throws QueryFailure
    {
        requireNonNull(request, "request is null");
        requireNonNull(control, "control is null");
        requireNonNull(sink, "sink is null");
        if (control.isCancelled()) {
            throw QueryFailure.cancelled();
        }
        String sql = stripTerminator(request.sql());
        Optional<Node> tree = Optional.empty();
        List<Runnable> cancelHooks = new ArrayList<>();
        ScanBudget budget = new ScanBudget(control, request.bytesScannedCutoff(), () -> cancelHooks.forEach(Runnable::run));
        try (ScratchSpace scratch = ScratchSpace.create(settings.scratchDirectory(), request.queryExecutionId(), budget, pipes,
                cache.statementFolder(), cache.capacity() / 4)) {
            StatementContext context = new StatementContext(request, control, sink, new GlueCatalog(invoker, request.caller()),
                    new S3Objects(invoker, request.caller()), budget, scratch, database, settings, cache, footers);
            try {
                Optional<HiveStatement> hive = HiveDdlParser.parse(sql);
                if (hive.isPresent()) {
                    if (hive.get() instanceof HiveStatement.Unload unload) {
                        return new TableWriter(context, cancelHooks).unload(unload);
                    }
                    return new DdlRunner(context).run(hive.get());
                }
                Statement statement = new SqlParser().createStatement(sql);
                tree = Optional.of(statement);
                return run(context, statement, cancelHooks);
            }
            catch (HiveDdlException e) {
                throw QueryFailure.failed(QueryFailure.Category.USER, Failures.SYNTAX_ERROR, e.getMessage(), e);
            }
            catch (ParsingException e) {
                throw Failures.syntax(e);
            }
            catch (TranslationException e) {
                throw budget.exceeded() ? Failures.cutoff() : Failures.translation(e);
            }
            catch (AwsException e) {
                throw Failures.aws(e);
            }
            catch (GlueCatalog.CatalogError e) {
                throw QueryFailure.failed(QueryFailure.Category.USER, Failures.INVALID_ARGUMENT, e.code() + ": " + e.getMessage(), e);
            }
            catch (SQLException | UncheckedIOException e) {
                if (control.isCancelled()) {
                    throw QueryFailure.cancelled();
                }
                if (budget.exceeded()) {
                    throw Failures.cutoff();
                }
                Optional<Exception> source = scratch.sourceFailure();
                if (source.isPresent() && source.get() instanceof AwsException aws) {
                    throw Failures.aws(aws);
                }
                if (source.isPresent()) {
                    throw QueryFailure.failed(QueryFailure.Category.SYSTEM, Failures.INTERNAL, "Reading the table's data failed: " + source.get().getMessage(),
                            source.get());
                }
                if (e instanceof SQLException sqlException) {
                    throw Failures.duckDb(sqlException, tree);
                }
                throw QueryFailure.failed(QueryFailure.Category.SYSTEM, Failures.INTERNAL, "Reading the table's data failed: " + e.getMessage(), e);
            }
        }
    }

    private StatementResult run(StatementContext context, Statement statement, List<Runnable> cancelHooks)
            throws SQLException, QueryFailure
    {
        if (statement instanceof Query query) {
            long scanned = runQueryStatement(context, query, cancelHooks);
            return new StatementResult("DML", "SELECT", scanned, Optional.empty(), Optional.empty());
        }
        if (statement instanceof CreateView view) {
            return new ViewWriter(context).create(view);
        }
        if (statement instanceof CreateTableAsSelect || statement instanceof Insert) {
            return new TableWriter(context, cancelHooks).write(statement);
        }

        throw TranslationException.unsupported(statement, "The statement " + statement.getClass().getSimpleName());
    }

    /** Runs a query, streaming its rows to the statement's sink; returns the bytes it scanned. */
    private long runQueryStatement(StatementContext context, Query query, List<Runnable> cancelHooks)
            throws SQLException, QueryFailure
    {
        TableSources tables = context.tableSources(query, true);
        String translated = new QueryTranslator(tables, parameters(context.request())).query(query);
        if (tables.reads().typedText() && tables.reads().streamed()) {
            // a second run could not read the streamed objects again, so no run may need one
            tables = tables.untyped();
            translated = new QueryTranslator(tables, parameters(context.request())).query(query);
        }
        try {
            run(context, translated, cancelHooks);
        }
        catch (SQLException e) {
            if (!tables.reads().typedText() || !Failures.isConversionError(e) || context.control().isCancelled()) {
                throw e;
            }
            // a text value that does not parse as its column's type: Hive reads it as NULL, so read the text and cast it
            context.sink().reset();
            run(context, new QueryTranslator(tables.untyped(), parameters(context.request())).query(query), cancelHooks);
        }
        // only once DuckDB let go of the pipes: writers it stopped reading early (LIMIT) end then
        context.scratch().awaitFeeders();
        if (context.scratch().sourceFailure().isPresent()) {
            throw new SQLException("Reading the table's data failed", context.scratch().sourceFailure().get());
        }
        if (context.control().isCancelled()) {
            throw QueryFailure.cancelled();
        }
        return context.budget().scanned();
    }

    private static void run(StatementContext context, String sql, List<Runnable> cancelHooks)
            throws SQLException, QueryFailure
    {
        try (DuckDbSession session = context.database().session()) {
            cancelHooks.add(session::cancel);
            context.control().onCancel(session::cancel);
            new QueryRunner(session).run(sql, context.sink(), context.control()::isCancelled);
        }
    }

    static List<Expression> parameters(StatementRequest request)
    {
        SqlParser parser = new SqlParser();
        return request.executionParameters().stream().map(parser::createExpression).toList();
    }

    private static String stripTerminator(String sql)
    {
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }

    @Override
    public void close()
    {
        pipes.close();
        database.close();
        cache.close();
    }
}
