package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.QueryFailure;
import dev.tarn.athena.engine.ResultColumn;
import dev.tarn.athena.engine.StatementResult;
import dev.tarn.athena.engine.catalog.S3Location;
import dev.tarn.athena.engine.catalog.S3ObjectSummary;
import dev.tarn.athena.engine.catalog.ViewDefinition;
import dev.tarn.athena.engine.ddl.HiveStatement;
import dev.tarn.athena.engine.ddl.HiveTables;
import dev.tarn.athena.engine.sql.SqlType;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.DatabaseInput;
import dev.tarn.glue.model.Partition;
import dev.tarn.glue.model.PartitionInput;
import dev.tarn.glue.model.StorageDescriptor;
import dev.tarn.glue.model.Table;
import dev.tarn.glue.model.TableInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** Runs Hive DDL and the SHOW/DESCRIBE utilities against the Glue catalog, as the caller. */
final class DdlRunner
{
    private final StatementContext context;

    DdlRunner(StatementContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    StatementResult run(HiveStatement statement)
            throws QueryFailure
    {
        if (statement instanceof HiveStatement.CreateDatabase create) {
            if (create.ifNotExists() && context.glue().database(create.name()).isPresent()) {
                return ddl("CREATE_DATABASE");
            }
            Map<String, String> parameters = new LinkedHashMap<>(create.properties());
            context.glue().createDatabase(new DatabaseInput(create.name().toLowerCase(Locale.ROOT), create.comment(), create.location(), parameters,
                    Optional.empty(), Optional.empty()));
            return ddl("CREATE_DATABASE");
        }
        if (statement instanceof HiveStatement.DropDatabase drop) {
            return dropDatabase(drop);
        }
        if (statement instanceof HiveStatement.CreateTable create) {
            return createTable(create);
        }
        if (statement instanceof HiveStatement.DropTable drop) {
            return dropTable(drop);
        }
        if (statement instanceof HiveStatement.AddPartitions add) {
            Table table = table(add.table());
            List<PartitionInput> inputs = new ArrayList<>();
            for (HiveStatement.PartitionSpec spec : add.partitions()) {
                List<String> values = values(table, spec);
                String location = spec.location().orElseGet(() -> defaultPartitionLocation(table, values));
                inputs.add(partitionInput(table, values, location));
            }
            context.glue().createPartitions(table.databaseName(), table.name(), inputs, add.ifNotExists());
            return ddl("ALTER_TABLE_ADD_PARTITION");
        }
        if (statement instanceof HiveStatement.DropPartitions drop) {
            Table table = table(drop.table());
            List<List<String>> values = new ArrayList<>();
            for (HiveStatement.PartitionSpec spec : drop.partitions()) {
                values.add(values(table, spec));
            }
            context.glue().deletePartitions(table.databaseName(), table.name(), values);
            return ddl("ALTER_TABLE_DROP_PARTITION");
        }
        if (statement instanceof HiveStatement.SetTableProperties set) {
            Table table = table(set.table());
            Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
            parameters.putAll(set.properties());
            TableInput input = table.asInput();
            context.glue().updateTable(table.databaseName(), withParameters(input, parameters));
            return ddl("ALTER_TABLE_SET_TBLPROPERTIES");
        }
        if (statement instanceof HiveStatement.ChangeColumns change) {
            Table table = table(change.table());
            StorageDescriptor storage = table.storageDescriptor().orElseThrow(() -> failure("Table " + table.name() + " has no columns to change"));
            List<Column> columns = new ArrayList<>(change.replace() ? List.of() : storage.columns());
            for (Column column : change.columns()) {
                if (!change.replace() && columns.stream().anyMatch(existing -> existing.name().equalsIgnoreCase(column.name()))) {
                    throw failure("Column '" + column.name() + "' already exists");
                }
                columns.add(column);
            }
            TableInput input = table.asInput();
            context.glue().updateTable(table.databaseName(), new TableInput(input.name(), input.description(), input.owner(), input.lastAccessTime(),
                    input.lastAnalyzedTime(), input.retention(), Optional.of(storage.withColumns(columns)), input.partitionKeys(), input.viewOriginalText(),
                    input.viewExpandedText(), input.tableType(), input.parameters(), input.targetTable()));
            return ddl(change.replace() ? "ALTER_TABLE_REPLACE_COLUMNS" : "ALTER_TABLE_ADD_COLUMNS");
        }
        if (statement instanceof HiveStatement.RepairTable repair) {
            return repair(repair);
        }
        if (statement instanceof HiveStatement.Show show) {
            return new ShowRunner(context).show(show);
        }
        if (statement instanceof HiveStatement.Describe describe) {
            return new ShowRunner(context).describe(describe);
        }
        throw failure("Unsupported statement");
    }

    private StatementResult dropDatabase(HiveStatement.DropDatabase drop)
            throws QueryFailure
    {
        if (context.glue().database(drop.name()).isEmpty()) {
            if (drop.ifExists()) {
                return ddl("DROP_DATABASE");
            }
            throw notFound("Database does not exist: " + drop.name());
        }
        List<Table> tables = context.glue().tables(drop.name());
        if (!tables.isEmpty() && !drop.cascade()) {
            throw failure("Database " + drop.name() + " is not empty. One or more tables exist.");
        }
        for (Table table : tables) {
            context.glue().deleteTable(drop.name(), table.name());
        }
        context.glue().deleteDatabase(drop.name());
        return ddl("DROP_DATABASE");
    }

    private StatementResult createTable(HiveStatement.CreateTable create)
            throws QueryFailure
    {
        if (!create.external()) {
            throw failure("Only external table creation is supported. Use CREATE EXTERNAL TABLE, or CREATE TABLE AS SELECT");
        }
        if (create.location().isEmpty() || S3Location.tryParse(create.location().get()).isEmpty()) {
            throw failure("CREATE EXTERNAL TABLE needs a LOCATION in S3 (s3://bucket/folder/)");
        }
        if (create.columns().isEmpty()) {
            throw failure("A table needs at least one column");
        }
        String database = database(create.name());
        if (context.glue().database(database).isEmpty()) {
            throw notFound("Database does not exist: " + database);
        }
        if (context.glue().table(database, create.name().name()).isPresent()) {
            if (create.ifNotExists()) {
                return ddl("CREATE_TABLE");
            }
            throw failure("Table " + database + "." + create.name().name() + " already exists");
        }
        TableInput input;
        try {
            input = HiveTables.tableInput(create);
        }
        catch (IllegalArgumentException e) {
            throw failure(e.getMessage());
        }
        context.glue().createTable(database, input);
        return ddl("CREATE_TABLE");
    }

    private StatementResult dropTable(HiveStatement.DropTable drop)
            throws QueryFailure
    {
        String database = database(drop.name());
        Optional<Table> table = context.glue().table(database, drop.name().name());
        if (table.isEmpty()) {
            if (drop.ifExists()) {
                return ddl(drop.view() ? "DROP_VIEW" : "DROP_TABLE");
            }
            throw notFound((drop.view() ? "View '" : "Table '") + "awsdatacatalog." + database + "." + drop.name().name() + "' does not exist");
        }
        boolean isView = table.get().tableType().orElse("").equalsIgnoreCase("VIRTUAL_VIEW");
        if (isView != drop.view()) {
            throw failure(isView ? "Cannot drop view " + drop.name().name() + " with DROP TABLE; use DROP VIEW"
                    : drop.name().name() + " is not a view; use DROP TABLE");
        }
        context.glue().deleteTable(database, drop.name().name());
        return ddl(drop.view() ? "DROP_VIEW" : "DROP_TABLE");
    }

    /** MSCK REPAIR TABLE: adds the partitions whose key=value folders exist under the table's location. */
    private StatementResult repair(HiveStatement.RepairTable repair)
            throws QueryFailure
    {
        Table table = table(repair.table());
        if (table.partitionKeys().isEmpty()) {
            throw failure("Table " + table.name() + " is not partitioned");
        }
        S3Location root = S3Location.tryParse(table.storageDescriptor().flatMap(StorageDescriptor::location).orElse(""))
                .orElseThrow(() -> failure("Table " + table.name() + " has no S3 location"))
                .asFolder();
        Set<String> existing = new LinkedHashSet<>();
        for (Partition partition : context.glue().partitions(table.databaseName(), table.name(), Optional.empty())) {
            existing.add(String.join("/", partition.values()));
        }
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (S3ObjectSummary file : context.s3().listFiles(root)) {
            String[] segments = file.key().substring(root.key().length()).split("/");
            if (segments.length <= table.partitionKeys().size()) {
                continue;
            }
            List<String> values = new ArrayList<>();
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < table.partitionKeys().size(); i++) {
                String expected = table.partitionKeys().get(i).name().toLowerCase(Locale.ROOT) + "=";
                if (!segments[i].toLowerCase(Locale.ROOT).startsWith(expected)) {
                    values = null;
                    break;
                }
                values.add(unescape(segments[i].substring(expected.length())));
                path.append(segments[i]).append('/');
            }
            if (values != null && !existing.contains(String.join("/", values))) {
                found.putIfAbsent(path.toString(), values);
            }
        }
        List<PartitionInput> inputs = new ArrayList<>();
        found.forEach((path, values) -> inputs.add(partitionInput(table, values, root.resolve(path).toString())));
        context.glue().createPartitions(table.databaseName(), table.name(), inputs, true);
        context.sink().columns(List.of(ResultColumns.of("result", SqlType.VARCHAR)));
        if (!found.isEmpty()) {
            context.sink().row(List.of(Optional.of("Partitions not in metastore:\t" + String.join("\t", found.keySet().stream()
                    .map(path -> table.name() + ":" + path.substring(0, path.length() - 1)).toList()))));
        }
        for (String path : found.keySet()) {
            context.sink().row(List.of(Optional.of("Repair: Added partition to metastore " + table.name() + ":" + path.substring(0, path.length() - 1))));
        }
        return ddl("MSCK_REPAIR_TABLE");
    }

    private static final Pattern ESCAPED = Pattern.compile("%([0-9A-Fa-f]{2})");

    /** Hive escapes special characters of partition values in folder names as %XX. */
    private static String unescape(String value)
    {
        return ESCAPED.matcher(value).replaceAll(match -> String.valueOf((char) Integer.parseInt(match.group(1), 16)));
    }

    private PartitionInput partitionInput(Table table, List<String> values, String location)
    {
        StorageDescriptor storage = table.storageDescriptor().orElseThrow().withLocation(location);
        return new PartitionInput(values, Optional.empty(), Optional.of(storage), Map.of(), Optional.empty());
    }

    private static String defaultPartitionLocation(Table table, List<String> values)
    {
        S3Location root = S3Location.tryParse(table.storageDescriptor().flatMap(StorageDescriptor::location).orElse("s3://unknown/")).orElseThrow();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            path.append(table.partitionKeys().get(i).name()).append('=').append(values.get(i)).append('/');
        }
        return root.resolve(path.toString()).toString();
    }

    private List<String> values(Table table, HiveStatement.PartitionSpec spec)
            throws QueryFailure
    {
        Map<String, String> lower = new LinkedHashMap<>();
        spec.values().forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        List<String> values = new ArrayList<>();
        for (Column key : table.partitionKeys()) {
            String value = lower.remove(key.name().toLowerCase(Locale.ROOT));
            if (value == null) {
                throw failure("Partition spec " + spec.values() + " does not name the partition key " + key.name());
            }
            values.add(value);
        }
        if (!lower.isEmpty()) {
            throw failure("Partition spec names " + lower.keySet() + ", which are not partition keys of " + table.name());
        }
        return values;
    }

    private Table table(HiveStatement.Name name)
            throws QueryFailure
    {
        String database = database(name);
        return context.glue().table(database, name.name())
                .orElseThrow(() -> notFound("Table 'awsdatacatalog." + database + "." + name.name() + "' does not exist"));
    }

    private String database(HiveStatement.Name name)
            throws QueryFailure
    {
        String database = name.in(context.request().database()).toLowerCase(Locale.ROOT);
        if (database.isEmpty()) {
            throw failure("Schema must be specified when session schema is not set");
        }
        return database;
    }

    static TableInput withParameters(TableInput input, Map<String, String> parameters)
    {
        return new TableInput(input.name(), input.description(), input.owner(), input.lastAccessTime(), input.lastAnalyzedTime(), input.retention(),
                input.storageDescriptor(), input.partitionKeys(), input.viewOriginalText(), input.viewExpandedText(), input.tableType(), parameters,
                input.targetTable());
    }

    static boolean isView(Table table)
    {
        return table.tableType().orElse("").equalsIgnoreCase("VIRTUAL_VIEW") || table.viewOriginalText().flatMap(ViewDefinition::decode).isPresent();
    }

    private static StatementResult ddl(String type)
    {
        return new StatementResult("DDL", type, 0, Optional.empty(), Optional.empty());
    }

    static QueryFailure failure(String message)
    {
        return QueryFailure.failed(QueryFailure.Category.USER, Failures.INVALID_ARGUMENT, "FAILED: SemanticException " + message);
    }

    static QueryFailure notFound(String message)
    {
        return QueryFailure.failed(QueryFailure.Category.USER, Failures.NOT_FOUND, "FAILED: SemanticException " + message);
    }
}
