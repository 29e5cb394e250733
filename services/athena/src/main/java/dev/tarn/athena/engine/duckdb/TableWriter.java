package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.QueryFailure;
import dev.tarn.athena.engine.StatementResult;
import dev.tarn.athena.engine.catalog.DataFormat;
import dev.tarn.athena.engine.catalog.S3Location;
import dev.tarn.athena.engine.ddl.HiveStatement;
import dev.tarn.athena.engine.ddl.HiveTables;
import dev.tarn.athena.engine.sql.QueryTranslator;
import dev.tarn.athena.engine.sql.SqlType;
import dev.tarn.athena.engine.sql.TranslationException;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.PartitionInput;
import dev.tarn.glue.model.SerDeInfo;
import dev.tarn.glue.model.StorageDescriptor;
import dev.tarn.glue.model.Table;
import dev.tarn.glue.model.TableInput;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Array;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Insert;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.NodeLocation;
import io.trino.sql.tree.Property;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.SaveMode;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.StringLiteral;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * CTAS, INSERT INTO and UNLOAD: DuckDB's COPY writes the query's rows into files in the
 * statement's scratch folder (Hive key=value folders for partitions, one file per bucket), each
 * file is uploaded with PutObject as the caller, and CTAS and INSERT register the table and its
 * partitions in Glue.
 */
final class TableWriter
{
    private static final String BUCKET_COLUMN = "__tarn_bucket";

    private final StatementContext context;
    private final List<Runnable> cancelHooks;

    TableWriter(StatementContext context, List<Runnable> cancelHooks)
    {
        this.context = requireNonNull(context, "context is null");
        this.cancelHooks = requireNonNull(cancelHooks, "cancelHooks is null");
    }

    /** How and where to write. */
    record Output(String format, String compression, String delimiter, List<String> partitionedBy, List<String> bucketedBy, int bucketCount,
            S3Location location) {}

    record Written(long rows, List<List<String>> partitions) {}

    StatementResult write(Statement statement)
            throws QueryFailure, SQLException
    {
        if (statement instanceof CreateTableAsSelect ctas) {
            return createTableAsSelect(ctas);
        }
        return insert((Insert) statement);
    }

    StatementResult unload(HiveStatement.Unload unload)
            throws QueryFailure, SQLException
    {
        Statement parsed = new SqlParser().createStatement(unload.query(), new NodeLocation(unload.queryLine(), unload.queryColumn()));
        if (!(parsed instanceof Query query)) {
            throw DdlRunner.failure("UNLOAD needs a SELECT");
        }
        Map<String, String> properties = unload.properties();
        S3Location location = S3Location.tryParse(unload.location()).orElseThrow(() -> DdlRunner.failure("UNLOAD needs an S3 location")).asFolder();
        Output output = new Output(properties.getOrDefault("format", "TEXTFILE").toUpperCase(Locale.ROOT),
                properties.getOrDefault("compression", "GZIP").toUpperCase(Locale.ROOT), properties.getOrDefault("field_delimiter", "\u0001"),
                list(properties.get("partitioned_by")), List.of(), 0, location);
        String sql = new QueryTranslator(context.tableSources(query), DuckDbQueryEngine.parameters(context.request())).query(query);
        Written written = writeFiles(sql, output);
        return new StatementResult("DML", "UNLOAD", context.budget().scanned(), Optional.of(written.rows()), Optional.empty());
    }

    private StatementResult createTableAsSelect(CreateTableAsSelect ctas)
            throws QueryFailure, SQLException
    {
        TableSources.TableName target = context.tableName(ctas.getName());
        String name = target.table();
        String database = target.database();
        if (context.glue().database(database).isEmpty()) {
            throw DdlRunner.notFound("Database does not exist: " + database);
        }
        if (context.glue().table(database, name).isPresent()) {
            if (ctas.getSaveMode() == SaveMode.IGNORE) {
                return new StatementResult("DDL", "CREATE_TABLE_AS_SELECT", 0, Optional.of(0L), Optional.empty());
            }
            throw DdlRunner.failure("Table 'awsdatacatalog." + database + "." + name + "' already exists");
        }
        Map<String, Expression> properties = new LinkedHashMap<>();
        for (Property property : ctas.getProperties()) {
            properties.put(property.getName().getValue().toLowerCase(Locale.ROOT), property.getNonDefaultValue());
        }
        String format = text(properties, "format").orElse("PARQUET").toUpperCase(Locale.ROOT);
        S3Location location = text(properties, "external_location").map(value -> S3Location.tryParse(value)
                        .orElseThrow(() -> new IllegalArgumentException("external_location must be an S3 location")))
                .orElseGet(() -> S3Location.tryParse(context.request().outputLocation()).orElseThrow()
                        .resolve("tables/" + context.request().queryExecutionId() + "/"))
                .asFolder();
        Output output = new Output(format, text(properties, "write_compression").orElse(format.equals("PARQUET") ? "GZIP" : "GZIP").toUpperCase(Locale.ROOT),
                text(properties, "field_delimiter").orElse("\u0001"), array(properties, "partitioned_by"), array(properties, "bucketed_by"),
                properties.containsKey("bucket_count") ? Integer.parseInt(properties.get("bucket_count").toString()) : 0, location);
        if (!output.bucketedBy().isEmpty() && output.bucketCount() <= 0) {
            throw DdlRunner.failure("bucketed_by needs a bucket_count");
        }
        String sql = new QueryTranslator(context.tableSources(ctas.getQuery()), DuckDbQueryEngine.parameters(context.request())).query(ctas.getQuery());
        List<QueryRunner.Column> columns;
        try (DuckDbSession session = context.database().session()) {
            columns = new QueryRunner(session).describe(sql);
        }
        if (ctas.getColumnAliases().isPresent()) {
            List<Identifier> aliases = ctas.getColumnAliases().get();
            if (aliases.size() != columns.size()) {
                throw DdlRunner.failure("Column alias list has " + aliases.size() + " entries but the query has " + columns.size() + " columns");
            }
            List<QueryRunner.Column> renamed = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                renamed.add(new QueryRunner.Column(aliases.get(i).getValue().toLowerCase(Locale.ROOT), columns.get(i).type()));
            }
            sql = "SELECT * FROM (" + sql + ") AS t" + renamed.stream().map(column -> DuckDbSql.identifier(column.name()))
                    .collect(Collectors.joining(", ", "(", ")"));
            columns = renamed;
        }
        List<String> names = columns.stream().map(column -> column.name().toLowerCase(Locale.ROOT)).toList();
        int dataColumns = names.size() - output.partitionedBy().size();
        if (!names.subList(Math.max(0, dataColumns), names.size()).equals(output.partitionedBy())) {
            throw DdlRunner.failure("Partition columns " + output.partitionedBy() + " must be the last columns of the query, in the same order");
        }
        for (String bucket : output.bucketedBy()) {
            if (!names.subList(0, dataColumns).contains(bucket)) {
                throw DdlRunner.failure("Bucket column '" + bucket + "' is not a non-partition column of the query");
            }
        }
        Written written = ctas.isWithData() ? writeFiles(sql, output) : new Written(0, List.of());
        List<Column> glueColumns = new ArrayList<>();
        List<Column> partitionKeys = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column column = Column.of(names.get(i), columns.get(i).type().toHive());
            (i < dataColumns ? glueColumns : partitionKeys).add(column);
        }
        StorageDescriptor storage = storage(output, glueColumns);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("has_encrypted_data", "false");
        parameters.put("classification", output.format().equals("TEXTFILE") ? "csv" : output.format().toLowerCase(Locale.ROOT));
        if (output.format().equals("PARQUET")) {
            parameters.put("parquet.compression", output.compression());
        }
        else {
            parameters.put("write.compression", output.compression());
        }
        context.glue().createTable(database, new TableInput(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.of(storage), partitionKeys, Optional.empty(), Optional.empty(), Optional.of("EXTERNAL_TABLE"), parameters, Optional.empty()));
        addPartitions(database, name, storage, partitionKeys, written.partitions());
        return new StatementResult("DDL", "CREATE_TABLE_AS_SELECT", context.budget().scanned(), Optional.of(written.rows()), Optional.empty());
    }

    private StatementResult insert(Insert insert)
            throws QueryFailure, SQLException
    {
        TableSources.TableName tableName = context.tableName(insert.getTarget());
        String name = tableName.table();
        String database = tableName.database();
        Table table = context.glue().table(database, name)
                .orElseThrow(() -> DdlRunner.notFound("Table 'awsdatacatalog." + database + "." + name + "' does not exist"));
        if (DdlRunner.isView(table)) {
            throw DdlRunner.failure("Inserting into a view is not supported");
        }
        StorageDescriptor storage = table.storageDescriptor().orElseThrow(() -> DdlRunner.failure("Table " + name + " has no storage"));
        DataFormat format = DataFormat.of(storage, table.parameters());
        String outputFormat = switch (format.kind()) {
            case PARQUET -> "PARQUET";
            case JSON -> "JSON";
            case DELIMITED, CSV -> "TEXTFILE";
            default -> throw DdlRunner.failure("Writing " + format.kind() + " tables is not supported");
        };
        List<Column> target = new ArrayList<>(storage.columns());
        target.addAll(table.partitionKeys());
        String sql = new QueryTranslator(context.tableSources(insert.getQuery()), DuckDbQueryEngine.parameters(context.request())).query(insert.getQuery());
        List<String> given = insert.getColumns().map(columns -> columns.stream().map(id -> id.getValue().toLowerCase(Locale.ROOT)).toList())
                .orElse(target.stream().map(column -> column.name().toLowerCase(Locale.ROOT)).toList());
        List<String> projection = new ArrayList<>();
        for (Column column : target) {
            int index = given.indexOf(column.name().toLowerCase(Locale.ROOT));
            String type = SqlType.parseHive(column.type()).toDuckDb();
            projection.add((index < 0 ? "NULL" : "q.\"c" + index + "\"") + "::" + type + " AS " + DuckDbSql.identifier(column.name()));
        }
        String aliases = java.util.stream.IntStream.range(0, given.size()).mapToObj(i -> "\"c" + i + "\"").collect(Collectors.joining(", ", "(", ")"));
        String select = "SELECT " + String.join(", ", projection) + " FROM (" + sql + ") AS q" + aliases;
        S3Location location = S3Location.tryParse(storage.location().orElse("")).orElseThrow(() -> DdlRunner.failure("Table " + name + " has no S3 location"))
                .asFolder();
        Output output = new Output(outputFormat, table.parameters().getOrDefault("parquet.compression", table.parameters().getOrDefault("write.compression", "GZIP"))
                .toUpperCase(Locale.ROOT), format.delimiter(), table.partitionKeys().stream().map(column -> column.name().toLowerCase(Locale.ROOT)).toList(),
                storage.bucketColumns(), Math.max(0, storage.numberOfBuckets()), location);
        Written written = writeFiles(select, output);
        addPartitions(database, name, storage, table.partitionKeys(), written.partitions());
        return new StatementResult("DML", "INSERT", context.budget().scanned(), Optional.of(written.rows()), Optional.empty());
    }

    private void addPartitions(String database, String table, StorageDescriptor storage, List<Column> keys, List<List<String>> partitions)
    {
        if (keys.isEmpty() || partitions.isEmpty()) {
            return;
        }
        S3Location root = S3Location.tryParse(storage.location().orElseThrow()).orElseThrow().asFolder();
        List<PartitionInput> inputs = new ArrayList<>();
        for (List<String> values : partitions) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                path.append(keys.get(i).name()).append('=').append(escape(values.get(i))).append('/');
            }
            inputs.add(new PartitionInput(values, Optional.empty(), Optional.of(storage.withLocation(root.resolve(path.toString()).toString())), Map.of(),
                    Optional.empty()));
        }
        context.glue().createPartitions(database, table, inputs, true);
    }

    private static StorageDescriptor storage(Output output, List<Column> columns)
    {
        String input;
        String outputFormat;
        SerDeInfo serde;
        switch (output.format()) {
            case "PARQUET" -> {
                input = HiveTables.PARQUET_INPUT;
                outputFormat = HiveTables.PARQUET_OUTPUT;
                serde = SerDeInfo.of(DataFormat.PARQUET_SERDE, Map.of("serialization.format", "1"));
            }
            case "JSON" -> {
                input = HiveTables.TEXT_INPUT;
                outputFormat = HiveTables.TEXT_OUTPUT;
                serde = SerDeInfo.of(DataFormat.HIVE_JSON_SERDE, Map.of());
            }
            default -> {
                input = HiveTables.TEXT_INPUT;
                outputFormat = HiveTables.TEXT_OUTPUT;
                serde = SerDeInfo.of(DataFormat.LAZY_SIMPLE_SERDE, Map.of("field.delim", output.delimiter(), "serialization.format", output.delimiter()));
            }
        }
        return new StorageDescriptor(columns, Optional.of(output.location().toString()), Optional.empty(), Optional.of(input), Optional.of(outputFormat),
                !output.compression().equals("NONE"), output.bucketCount() > 0 ? output.bucketCount() : -1, Optional.of(serde), output.bucketedBy(), List.of(),
                Map.of(), Optional.empty(), false, Optional.empty());
    }

    /** COPY into the scratch folder, then one PutObject per file written. */
    private Written writeFiles(String sql, Output output)
            throws QueryFailure, SQLException
    {
        String extension;
        List<String> options = new ArrayList<>();
        switch (output.format()) {
            case "PARQUET" -> {
                extension = ".parquet";
                options.add("FORMAT parquet");
                options.add("COMPRESSION " + switch (output.compression()) {
                    case "SNAPPY" -> "snappy";
                    case "GZIP" -> "gzip";
                    case "ZSTD" -> "zstd";
                    case "NONE", "UNCOMPRESSED" -> "uncompressed";
                    default -> throw DdlRunner.failure("write_compression " + output.compression() + " is not supported for PARQUET");
                });
            }
            case "JSON", "TEXTFILE", "CSV" -> {
                boolean json = output.format().equals("JSON");
                options.add(json ? "FORMAT json" : "FORMAT csv");
                if (!json) {
                    options.add("DELIMITER " + DuckDbSql.string(output.format().equals("CSV") && output.delimiter().equals("\u0001") ? "," : output.delimiter()));
                    options.add("HEADER false");
                }
                String compression = switch (output.compression()) {
                    case "GZIP" -> "gzip";
                    case "ZSTD" -> "zstd";
                    case "NONE", "UNCOMPRESSED" -> "none";
                    default -> throw DdlRunner.failure("write_compression " + output.compression() + " is not supported for " + output.format());
                };
                options.add("COMPRESSION " + compression);
                extension = (json ? ".json" : ".csv") + (compression.equals("gzip") ? ".gz" : compression.equals("zstd") ? ".zst" : "");
            }
            default -> throw DdlRunner.failure("format " + output.format() + " is not supported for writing (PARQUET, JSON, TEXTFILE, CSV are)");
        }
        List<String> partitionColumns = new ArrayList<>(output.partitionedBy());
        String select = sql;
        if (output.bucketCount() > 0 && !output.bucketedBy().isEmpty()) {
            String hash = output.bucketedBy().stream().map(DuckDbSql::identifier).collect(Collectors.joining(", ", "hash(", ")"));
            select = "SELECT *, (" + hash + " % " + output.bucketCount() + ") AS " + BUCKET_COLUMN + " FROM (" + sql + ")";
            partitionColumns.add(BUCKET_COLUMN);
        }
        Path folder = context.scratch().newPath("-out");
        String target = partitionColumns.isEmpty() ? folder.resolve("data" + extension).toString() : folder.toString();
        if (!partitionColumns.isEmpty()) {
            options.add("PARTITION_BY (" + partitionColumns.stream().map(DuckDbSql::identifier).collect(Collectors.joining(", ")) + ")");
            options.add("FILENAME_PATTERN 'data_{i}'");
        }
        long rows;
        try {
            Files.createDirectories(folder);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (DuckDbSession session = context.database().session()) {
            cancelHooks.add(session::cancel);
            context.control().onCancel(session::cancel);
            try (java.sql.Statement statement = session.statement()) {
                String copy = "COPY (" + select + ") TO " + DuckDbSql.string(target) + " (" + String.join(", ", options) + ")";
                if (statement.execute(copy)) {
                    try (ResultSet result = statement.getResultSet()) {
                        rows = result.next() ? result.getLong(1) : 0;
                    }
                }
                else {
                    rows = Math.max(0, statement.getUpdateCount());
                }
            }
        }
        context.scratch().awaitFeeders();
        if (context.scratch().sourceFailure().isPresent()) {
            throw new SQLException("Reading the table's data failed", context.scratch().sourceFailure().get());
        }
        if (context.control().isCancelled()) {
            throw QueryFailure.cancelled();
        }
        Set<List<String>> partitions = new LinkedHashSet<>();
        String prefix = context.request().queryExecutionId() + "_";
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                List<String> segments = new ArrayList<>();
                folder.relativize(file).forEach(segment -> segments.add(segment.toString()));
                String fileName = segments.remove(segments.size() - 1);
                List<String> values = new ArrayList<>();
                StringBuilder key = new StringBuilder();
                String bucket = "";
                for (String segment : segments) {
                    int equals = segment.indexOf('=');
                    String column = segment.substring(0, equals);
                    String value = unescape(segment.substring(equals + 1));
                    if (column.equals(BUCKET_COLUMN)) {
                        bucket = String.format("bucket-%05d_", Integer.parseInt(value));
                        continue;
                    }
                    values.add(value.equals("NULL") ? "__HIVE_DEFAULT_PARTITION__" : value);
                    key.append(column).append('=').append(escape(values.get(values.size() - 1))).append('/');
                }
                if (!values.isEmpty()) {
                    partitions.add(values);
                }
                String baseName = fileName.endsWith(extension) ? fileName : fileName + extension;
                context.s3().put(output.location().resolve(key + bucket + prefix + baseName), file, "application/octet-stream");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(rows, List.copyOf(partitions));
    }

    private static String unescape(String value)
    {
        return java.net.URLDecoder.decode(value.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Hive's escaping of a partition value in a folder name. */
    private static String escape(String value)
    {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c < 0x20 || "\"#%'*/:=?\\\u007f{[]^".indexOf(c) >= 0) {
                out.append(String.format("%%%02X", (int) c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Optional<String> text(Map<String, Expression> properties, String name)
    {
        Expression value = properties.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof StringLiteral literal) {
            return Optional.of(literal.getValue());
        }
        if (value instanceof LongLiteral literal) {
            return Optional.of(literal.getValue());
        }
        throw TranslationException.semantic(value, "Property '" + name + "' must be a string");
    }

    private static List<String> array(Map<String, Expression> properties, String name)
    {
        Expression value = properties.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Array array) {
            List<String> values = new ArrayList<>();
            for (Expression element : array.getValues()) {
                if (!(element instanceof StringLiteral literal)) {
                    throw TranslationException.semantic(element, "Property '" + name + "' must be an array of strings");
                }
                values.add(literal.getValue().toLowerCase(Locale.ROOT));
            }
            return values;
        }
        throw TranslationException.semantic(value, "Property '" + name + "' must be an ARRAY['column', ...]");
    }

    private static List<String> list(String commaSeparated)
    {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Stream.of(commaSeparated.split(",")).map(value -> value.trim().toLowerCase(Locale.ROOT)).toList();
    }
}
