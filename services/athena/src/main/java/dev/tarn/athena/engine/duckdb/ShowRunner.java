package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.QueryFailure;
import dev.tarn.athena.engine.StatementResult;
import dev.tarn.athena.engine.catalog.ViewDefinition;
import dev.tarn.athena.engine.ddl.HiveStatement;
import dev.tarn.athena.engine.ddl.HiveTables;
import dev.tarn.athena.engine.sql.SqlType;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.Database;
import dev.tarn.glue.model.Partition;
import dev.tarn.glue.model.StorageDescriptor;
import dev.tarn.glue.model.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** SHOW ... and DESCRIBE: the catalog's contents as result rows. */
final class ShowRunner
{
    private final StatementContext context;

    ShowRunner(StatementContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    StatementResult show(HiveStatement.Show show)
            throws QueryFailure
    {
        Optional<Pattern> like = show.like().map(ShowRunner::likePattern);
        switch (show.kind()) {
            case DATABASES -> {
                columns("database_name");
                for (Database database : context.glue().databases()) {
                    if (like.map(pattern -> pattern.matcher(database.name()).matches()).orElse(true)) {
                        row(database.name());
                    }
                }
                return utility("SHOW_DATABASES");
            }
            case TABLES, VIEWS -> {
                boolean views = show.kind() == HiveStatement.ShowKind.VIEWS;
                String database = show.database().or(() -> context.request().database())
                        .orElseThrow(() -> DdlRunner.failure("Schema must be specified when session schema is not set")).toLowerCase(Locale.ROOT);
                if (context.glue().database(database).isEmpty()) {
                    throw DdlRunner.notFound("Database does not exist: " + database);
                }
                columns(views ? "views" : "tab_name");
                for (Table table : context.glue().tables(database)) {
                    if ((!views || DdlRunner.isView(table)) && like.map(pattern -> pattern.matcher(table.name()).matches()).orElse(true)) {
                        row(table.name());
                    }
                }
                return utility(views ? "SHOW_VIEWS" : "SHOW_TABLES");
            }
            case PARTITIONS -> {
                Table table = table(show.target().orElseThrow());
                if (table.partitionKeys().isEmpty()) {
                    throw DdlRunner.failure("Table " + table.name() + " is not partitioned");
                }
                columns("partition");
                for (Partition partition : context.glue().partitions(table.databaseName(), table.name(), Optional.empty())) {
                    List<String> parts = new ArrayList<>();
                    for (int i = 0; i < table.partitionKeys().size() && i < partition.values().size(); i++) {
                        parts.add(table.partitionKeys().get(i).name() + "=" + partition.values().get(i));
                    }
                    row(String.join("/", parts));
                }
                return utility("SHOW_PARTITIONS");
            }
            case COLUMNS -> {
                Table table = table(show.target().orElseThrow());
                columns("field");
                allColumns(table).forEach(column -> row(column.name()));
                return utility("SHOW_COLUMNS");
            }
            case TBLPROPERTIES -> {
                Table table = table(show.target().orElseThrow());
                columns("prpt_name");
                table.parameters().forEach((key, value) -> row(key + "\t" + value));
                return utility("SHOW_TBLPROPERTIES");
            }
            case CREATE_VIEW -> {
                Table table = table(show.target().orElseThrow());
                ViewDefinition view = table.viewOriginalText().flatMap(ViewDefinition::decode)
                        .orElseThrow(() -> DdlRunner.failure(table.name() + " is not a view"));
                columns("Create View");
                String text = "CREATE VIEW \"" + table.databaseName() + "\".\"" + table.name() + "\" AS\n" + view.originalSql();
                text.lines().forEach(this::row);
                return utility("SHOW_CREATE_VIEW");
            }
            case CREATE_TABLE -> {
                Table table = table(show.target().orElseThrow());
                if (DdlRunner.isView(table)) {
                    throw DdlRunner.failure(table.name() + " is a view; use SHOW CREATE VIEW");
                }
                columns("createtab_stmt");
                HiveTables.createStatement(table).forEach(this::row);
                return utility("SHOW_CREATE_TABLE");
            }
        }
        throw DdlRunner.failure("Unsupported SHOW");
    }

    StatementResult describe(HiveStatement.Describe describe)
            throws QueryFailure
    {
        Table table = table(describe.table());
        columns("col_name");
        List<Column> columns = table.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of());
        columns.forEach(column -> row(line(column)));
        if (!table.partitionKeys().isEmpty()) {
            table.partitionKeys().forEach(column -> row(line(column)));
            row("");
            row("# Partition Information");
            row(pad("# col_name") + "\t" + pad("data_type") + "\tcomment");
            row("");
            table.partitionKeys().forEach(column -> row(line(column)));
        }
        if (describe.formatted()) {
            row("");
            row("# Detailed Table Information");
            row("Database:\t" + table.databaseName());
            row("Table Type:\t" + table.tableType().orElse(""));
            table.storageDescriptor().flatMap(StorageDescriptor::location).ifPresent(location -> row("Location:\t" + location));
            table.parameters().forEach((key, value) -> row("\t" + key + "\t" + value));
        }
        return utility("DESCRIBE_TABLE");
    }

    private static String line(Column column)
    {
        return pad(column.name()) + "\t" + pad(column.type()) + "\t" + column.comment().orElse("");
    }

    private static String pad(String text)
    {
        return text.length() >= 20 ? text : text + " ".repeat(20 - text.length());
    }

    private static List<Column> allColumns(Table table)
    {
        List<Column> columns = new ArrayList<>(table.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of()));
        columns.addAll(table.partitionKeys());
        return columns;
    }

    private Table table(HiveStatement.Name name)
            throws QueryFailure
    {
        String database = name.in(context.request().database()).toLowerCase(Locale.ROOT);
        if (database.isEmpty()) {
            throw DdlRunner.failure("Schema must be specified when session schema is not set");
        }
        return context.glue().table(database, name.name())
                .orElseThrow(() -> DdlRunner.notFound("Table 'awsdatacatalog." + database + "." + name.name() + "' does not exist"));
    }

    /** Hive's SHOW ... LIKE pattern: {@code *} any characters, {@code |} alternatives. */
    private static Pattern likePattern(String like)
    {
        StringBuilder regex = new StringBuilder();
        for (String alternative : like.split("\\|")) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            for (String part : alternative.trim().split("\\*", -1)) {
                regex.append(Pattern.quote(part.toLowerCase(Locale.ROOT))).append(".*");
            }
            regex.setLength(regex.length() - 2);
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    private void columns(String name)
    {
        context.sink().columns(List.of(ResultColumns.of(name, SqlType.VARCHAR)));
    }

    private void row(String value)
    {
        context.sink().row(List.of(Optional.of(value)));
    }

    private static StatementResult utility(String type)
    {
        return new StatementResult("UTILITY", type, 0, Optional.empty(), Optional.empty());
    }
}
