package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.QueryFailure;
import dev.tarn.athena.engine.StatementResult;
import dev.tarn.athena.engine.catalog.ViewDefinition;
import dev.tarn.athena.engine.sql.QueryTranslator;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.SerDeInfo;
import dev.tarn.glue.model.StorageDescriptor;
import dev.tarn.glue.model.Table;
import dev.tarn.glue.model.TableInput;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.NodeLocation;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * CREATE [OR REPLACE] VIEW: checks the query (it must translate and type on DuckDB), then stores
 * it in Glue as a VIRTUAL_VIEW table in Athena's own encoding, so Athena and other engines that
 * read Glue can use it, and views they made read back here.
 */
final class ViewWriter
{
    private final StatementContext context;

    ViewWriter(StatementContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    StatementResult create(CreateView view)
            throws QueryFailure, SQLException
    {
        if (view.getSecurity().isPresent()) {
            throw DdlRunner.failure("SECURITY clauses of CREATE VIEW are not supported");
        }
        TableSources.TableName target = context.tableName(view.getName());
        String name = target.table();
        String database = target.database();
        String translated = new QueryTranslator(context.tableSources(view.getQuery()), List.of()).query(view.getQuery());
        List<QueryRunner.Column> columns;
        try (DuckDbSession session = context.database().session()) {
            columns = new QueryRunner(session).describe(translated);
        }
        String originalSql = originalText(context.request().sql(), view.getQuery().getLocation());
        List<ViewDefinition.ViewColumn> viewColumns = columns.stream()
                .map(column -> new ViewDefinition.ViewColumn(column.name(), column.type().toTrino())).toList();
        ViewDefinition definition = new ViewDefinition(originalSql, Optional.of("awsdatacatalog"), Optional.of(database), viewColumns, Optional.empty(),
                Optional.empty());
        List<Column> glueColumns = new ArrayList<>();
        columns.forEach(column -> glueColumns.add(Column.of(column.name(), column.type().toHive())));
        StorageDescriptor storage = new StorageDescriptor(glueColumns, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, 0,
                Optional.of(new SerDeInfo(Optional.empty(), Optional.empty(), Map.of())), List.of(), List.of(), Map.of(), Optional.empty(), false,
                Optional.empty());
        TableInput input = new TableInput(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.of(storage), List.of(),
                Optional.of(definition.encode()), Optional.of(ViewDefinition.EXPANDED_TEXT), Optional.of("VIRTUAL_VIEW"),
                Map.of("presto_view", "true", "comment", "Presto View"), Optional.empty());
        Optional<Table> existing = context.glue().table(database, name);
        if (existing.isPresent()) {
            if (!view.isReplace()) {
                throw DdlRunner.failure("View '" + "awsdatacatalog." + database + "." + name + "' already exists");
            }
            if (!DdlRunner.isView(existing.get())) {
                throw DdlRunner.failure("'" + "awsdatacatalog." + database + "." + name + "' is a table, not a view");
            }
            context.glue().updateTable(database, input);
        }
        else {
            context.glue().createTable(database, input);
        }
        return new StatementResult("DDL", "CREATE_VIEW", 0, Optional.empty(), Optional.empty());
    }

    /** The statement's text from the query's first character on, as Athena keeps it in the view. */
    static String originalText(String sql, Optional<NodeLocation> start)
    {
        if (start.isEmpty()) {
            return sql;
        }
        int line = 1;
        int offset = 0;
        while (line < start.get().getLineNumber() && offset < sql.length()) {
            if (sql.charAt(offset) == '\n') {
                line++;
            }
            offset++;
        }
        offset += start.get().getColumnNumber() - 1;
        String text = sql.substring(Math.min(offset, sql.length())).strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }
}
