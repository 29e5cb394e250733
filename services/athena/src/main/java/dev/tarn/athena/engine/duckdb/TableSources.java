package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.catalog.DataFormat;
import dev.tarn.athena.engine.catalog.GlueCatalog;
import dev.tarn.athena.engine.catalog.PartitionProjection;
import dev.tarn.athena.engine.catalog.PartitionPruning;
import dev.tarn.athena.engine.catalog.S3Location;
import dev.tarn.athena.engine.catalog.S3ObjectSummary;
import dev.tarn.athena.engine.catalog.S3Objects;
import dev.tarn.athena.engine.catalog.ViewDefinition;
import dev.tarn.athena.engine.sql.EarlyStop;
import dev.tarn.athena.engine.sql.QueryTranslator;
import dev.tarn.athena.engine.sql.ReferencedNames;
import dev.tarn.athena.engine.sql.SqlType;
import dev.tarn.athena.engine.sql.TableResolver;
import dev.tarn.athena.engine.sql.TranslationException;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.Partition;
import dev.tarn.glue.model.StorageDescriptor;
import dev.tarn.glue.model.Table;
import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Statement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Maps the tables of a query onto DuckDB relations over their data: it looks each table up in
 * Glue as the caller, lists the files of the table (or of the partitions the WHERE clause can
 * match) in S3 as the caller, and feeds each file to DuckDB through the statement's scratch
 * space. Views are expanded into their translated query.
 */
final class TableSources
        implements TableResolver
{
    private static final String HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    /** The column DuckDB fills with each row's file name in a partitioned table's read. */
    private static final String FILE_COLUMN = "__tarn_file";
    private static final int MAX_VIEW_DEPTH = 16;
    /** Glue types DuckDB's CSV reader may parse while reading, where a value that does not parse fails the read. */
    private static final Set<String> PARSED_WHILE_READ = Set.of("tinyint", "smallint", "int", "integer", "bigint", "double", "float");
    /**
     * DuckDB's CSV read buffer. Its default (32 MB) is filled before the first row comes out, so a
     * LIMIT 10 read 32 MB from the pipe; 2 MB is DuckDB's longest line, which any buffer must hold,
     * and reads as fast.
     */
    private static final int CSV_BUFFER_BYTES = 2 << 20;

    private final GlueCatalog glue;
    private final S3Objects s3;
    private final ScratchSpace scratch;
    private final Optional<String> defaultDatabase;
    private final ParquetColumns parquet;
    private final TextScan text;
    private final Optional<Set<String>> referenced;
    private final boolean mayStopEarly;
    private final boolean typedText;
    private final Reads reads;
    private final int depth;

    /** What the table reads of one translation did, noted as its tables are resolved. */
    static final class Reads
    {
        private boolean typedText;
        private boolean streamed;

        /** Some text columns were read as their types, which fails on a value that does not parse (Hive reads it as NULL). */
        boolean typedText()
        {
            return typedText;
        }

        /** Some objects are streamed through pipes, which a second run of the query cannot read again. */
        boolean streamed()
        {
            return streamed;
        }
    }

    /**
     * @param referenced the names the statement mentions (empty: it may read every column), so that only those columns are read
     * @param mayStopEarly whether the statement may stop reading before a table's end (a LIMIT): then text is streamed,
     *         not first fetched whole into the plaintext cache
     * @param typedText whether text read from the plaintext cache has its integer and floating point columns parsed as
     *         those types while read (faster than text and a cast, but failing on a value that does not parse: the
     *         caller runs the query again {@link #untyped()} then)
     */
    TableSources(GlueCatalog glue, S3Objects s3, ScratchSpace scratch, ParquetColumns parquet, TextScan text, Optional<String> defaultDatabase,
            Optional<Set<String>> referenced, boolean mayStopEarly, boolean typedText)
    {
        this(glue, s3, scratch, parquet, text, defaultDatabase, referenced, mayStopEarly, typedText, new Reads(), 0);
    }

    private TableSources(GlueCatalog glue, S3Objects s3, ScratchSpace scratch, ParquetColumns parquet, TextScan text, Optional<String> defaultDatabase,
            Optional<Set<String>> referenced, boolean mayStopEarly, boolean typedText, Reads reads, int depth)
    {
        this.glue = requireNonNull(glue, "glue is null");
        this.s3 = requireNonNull(s3, "s3 is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        this.parquet = requireNonNull(parquet, "parquet is null");
        this.text = requireNonNull(text, "text is null");
        this.defaultDatabase = requireNonNull(defaultDatabase, "defaultDatabase is null");
        this.referenced = requireNonNull(referenced, "referenced is null");
        this.mayStopEarly = mayStopEarly;
        this.typedText = typedText;
        this.reads = requireNonNull(reads, "reads is null");
        this.depth = depth;
    }

    /**
     * The same tables read with every text column as text and cast, as Hive reads them. Objects
     * already fetched or cached for this statement are not fetched or counted again.
     */
    TableSources untyped()
    {
        return new TableSources(glue, s3, scratch, parquet, text, defaultDatabase, referenced, mayStopEarly, false, new Reads(), depth);
    }

    Reads reads()
    {
        return reads;
    }

    @Override
    public String relation(io.trino.sql.tree.Table reference, Optional<String> alias, List<Expression> conjuncts, OptionalLong rowLimit)
    {
        TableName name = TableName.of(reference.getName().getParts(), defaultDatabase)
                .orElseThrow(() -> TranslationException.semantic(reference, "Schema must be specified when session schema is not set"));
        Table table = glue.table(name.database(), name.table())
                .orElseThrow(() -> new TranslationException(TranslationException.Kind.NOT_FOUND, reference.getLocation(),
                        "Table '" + name + "' does not exist"));
        if (table.tableType().orElse("").equalsIgnoreCase("VIRTUAL_VIEW")) {
            return view(reference, table);
        }
        StorageDescriptor storage = table.storageDescriptor()
                .orElseThrow(() -> TranslationException.semantic(reference, "Table '" + name + "' has no storage descriptor"));
        DataFormat format = DataFormat.of(storage, table.parameters());
        if (format.kind() == DataFormat.Kind.ORC || format.kind() == DataFormat.Kind.AVRO) {
            throw TranslationException.unsupported(reference, "Reading " + format.kind() + " data (table '" + name + "')");
        }
        List<Column> columns = storage.columns();
        List<Column> keys = table.partitionKeys();
        Set<String> names = Set.of(alias.orElse(name.table()));
        Scan scan = new Scan(format, columns, keys, RowGroupFilter.of(conjuncts, names, columns), rowLimit);
        if (keys.isEmpty()) {
            S3Location location = location(reference, storage);
            return "(" + files(reference, scan, List.of(new Part(s3.listFiles(location), List.of()))) + ")";
        }
        List<Part> parts = new ArrayList<>();
        if (PartitionProjection.enabled(table.parameters())) {
            List<PartitionProjection.ProjectedPartition> projected;
            try {
                projected = PartitionProjection.partitions(table.parameters(), keys, location(reference, storage), conjuncts, names);
            }
            catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw TranslationException.semantic(reference, "Partition projection of '" + name + "': " + e.getMessage());
            }
            for (PartitionProjection.ProjectedPartition partition : projected) {
                List<S3ObjectSummary> files = s3.listFiles(partition.location());
                if (!files.isEmpty()) {
                    parts.add(new Part(files, partition.values()));
                }
            }
        }
        else {
            Optional<String> expression = PartitionPruning.expression(conjuncts, keys, names);
            for (Partition partition : glue.partitions(name.database(), name.table(), expression)) {
                StorageDescriptor partitionStorage = partition.storageDescriptor().orElse(storage);
                List<S3ObjectSummary> files = s3.listFiles(location(reference, partitionStorage));
                if (!files.isEmpty()) {
                    parts.add(new Part(files, partition.values()));
                }
            }
        }
        return "(" + files(reference, scan, parts) + ")";
    }

    /**
     * How a table is read: its format and columns, the row groups a Parquet read may skip, and
     * how many rows (any ones) are enough, when the query says.
     */
    private record Scan(DataFormat format, List<Column> columns, List<Column> keys, RowGroupFilter rowGroups, OptionalLong rowLimit)
    {
        Scan
        {
            requireNonNull(format, "format is null");
            columns = List.copyOf(columns);
            keys = List.copyOf(keys);
            requireNonNull(rowGroups, "rowGroups is null");
            requireNonNull(rowLimit, "rowLimit is null");
        }
    }

    /** The objects of one partition (or of an unpartitioned table), and the partition's values. */
    private record Part(List<S3ObjectSummary> files, List<String> values)
    {
        Part
        {
            files = List.copyOf(files);
            values = List.copyOf(values);
        }
    }

    private String view(io.trino.sql.tree.Table reference, Table table)
    {
        if (depth >= MAX_VIEW_DEPTH) {
            throw TranslationException.semantic(reference, "View '" + table.name() + "' refers to itself");
        }
        ViewDefinition view = table.viewOriginalText().flatMap(ViewDefinition::decode)
                .orElseThrow(() -> TranslationException.unsupported(reference, "The view '" + table.name() + "' (not in Athena's view encoding)"));
        Statement statement;
        try {
            statement = new SqlParser().createStatement(view.originalSql());
        }
        catch (ParsingException e) {
            throw TranslationException.semantic(reference, "Failed analyzing stored view '" + table.name() + "': " + e.getMessage());
        }
        if (!(statement instanceof Query query)) {
            throw TranslationException.semantic(reference, "Stored view '" + table.name() + "' is not a query");
        }
        TableSources inner = new TableSources(glue, s3, scratch, parquet, text, view.schema().or(() -> Optional.of(table.databaseName())),
                ReferencedNames.of(query), mayStopEarly || EarlyStop.possible(query), typedText, reads, depth + 1);
        return "(" + new QueryTranslator(inner, List.of()).query(query) + ")";
    }

    /**
     * One DuckDB read of all the parts' objects: a table is one file list whatever its partitions,
     * so its pipes share one bounded feeder, and each row's partition values come from the file
     * it was read from.
     */
    private String files(io.trino.sql.tree.Node reference, Scan scan, List<Part> parts)
    {
        DataFormat format = scan.format();
        List<Column> columns = scan.columns();
        List<Column> keys = scan.keys();
        List<S3ObjectSummary> files = parts.stream().flatMap(part -> part.files().stream()).toList();
        if (files.isEmpty()) {
            return empty(reference, columns, keys);
        }
        for (S3ObjectSummary file : files) {
            Compression compression = Compression.of(file.key());
            // DuckDB reads no compressed input from a pipe, and only gzip is decompressed in Java
            if (format.kind() != DataFormat.Kind.PARQUET && (compression == Compression.UNSUPPORTED || compression == Compression.ZSTD)) {
                throw TranslationException.unsupported(reference, "Reading the compressed object s3://" + file.bucket() + "/" + file.key());
            }
        }
        List<String> projection = new ArrayList<>();
        // only the columns the statement names are projected, so DuckDB reads no others
        List<Column> projected = referenced.map(names -> columns.stream().filter(column -> names.contains(column.name().toLowerCase(Locale.ROOT))).toList())
                .orElse(columns);
        String source;
        List<List<Path>> perFile;
        switch (format.kind()) {
            case PARQUET -> {
                perFile = parquetFiles(files, scan).stream().map(List::of).toList();
                source = "read_parquet(" + list(perFile) + ", union_by_name = true" + fileColumn(keys) + ")";
                for (Column column : projected) {
                    projection.add("CAST(" + DuckDbSql.identifier(column.name()) + " AS " + duckType(reference, column) + ") AS " + DuckDbSql.identifier(column.name()));
                }
            }
            case JSON -> {
                String declared = columns.stream().map(column -> DuckDbSql.string(column.name().toLowerCase(Locale.ROOT)) + ": " + DuckDbSql.string(duckType(reference, column)))
                        .collect(Collectors.joining(", ", "{", "}"));
                perFile = text.json(files).stream().map(List::of).toList();
                reads.streamed = true;
                source = "read_json(" + list(perFile) + fileColumn(keys) + ", format = 'newline_delimited', columns = " + declared + ", compression = 'uncompressed', ignore_errors = false)";
                projected.forEach(column -> projection.add(DuckDbSql.identifier(column.name())));
            }
            default -> {
                Optional<List<Path>> cached = mayStopEarly ? Optional.empty() : text.cachedCsv(files);
                Set<String> typed = new HashSet<>();
                if (cached.isPresent()) {
                    perFile = cached.get().stream().map(List::of).toList();
                    if (typedText) {
                        // only the columns read: a value that does not parse in another must not fail the read
                        projected.stream().filter(column -> PARSED_WHILE_READ.contains(column.type().toLowerCase(Locale.ROOT).strip()))
                                .forEach(column -> typed.add(column.name().toLowerCase(Locale.ROOT)));
                        reads.typedText |= !typed.isEmpty();
                    }
                    source = readCsv(reference, format, columns, typed, perFile, fileColumn(keys), format.headerLines());
                }
                else {
                    // the first rows of a bare LIMIT come from the first range: one pipe per object then, not one per range
                    perFile = text.csv(files, format.headerLines(), scan.rowLimit().isEmpty());
                    reads.streamed = true;
                    source = readCsv(reference, format, columns, typed, perFile, fileColumn(keys), 0);
                }
                for (Column column : projected) {
                    String type = duckType(reference, column);
                    String name = DuckDbSql.identifier(column.name());
                    // Hive reads a value that does not parse as its column's type as NULL
                    boolean plain = type.equals("VARCHAR") || typed.contains(column.name().toLowerCase(Locale.ROOT));
                    projection.add(plain ? name : "TRY_CAST(" + name + " AS " + type + ") AS " + name);
                }
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            Column key = keys.get(i);
            projection.add("TRY_CAST(" + partitionValue(parts, perFile, i) + " AS " + duckType(reference, key) + ") AS " + DuckDbSql.identifier(key.name()));
        }
        if (projection.isEmpty()) {
            // count(*) and the like: rows, no columns
            projection.add("NULL AS " + DuckDbSql.identifier("__tarn_no_column"));
        }
        return "SELECT " + String.join(", ", projection) + " FROM " + source;
    }

    /** Local files DuckDB reads for the Parquet objects: the parts the statement needs, or whole copies. */
    private List<Path> parquetFiles(List<S3ObjectSummary> files, Scan scan)
    {
        List<Path> paths = new ArrayList<>();
        try {
            for (S3ObjectSummary file : files) {
                paths.add(parquet.fetch(file, referenced, scan.rowGroups(), scan.rowLimit()));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }

    private static String list(List<List<Path>> perFile)
    {
        return perFile.stream().flatMap(List::stream).map(path -> DuckDbSql.string(path.toString())).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The option naming the column DuckDB fills with each row's file, when partition values must be told apart by it. */
    private static String fileColumn(List<Column> keys)
    {
        return keys.isEmpty() ? "" : ", filename = " + DuckDbSql.string(FILE_COLUMN);
    }

    /**
     * The value of partition key {@code key} for each row: its partition's value, chosen by the
     * file the row was read from (DuckDB evaluates it once per chunk, as the file name is constant
     * within one).
     */
    private static String partitionValue(List<Part> parts, List<List<Path>> perFile, int key)
    {
        if (parts.size() == 1) {
            return literal(parts.get(0).values(), key);
        }
        StringBuilder value = new StringBuilder("CASE");
        int file = 0;
        for (Part part : parts) {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < part.files().size(); i++, file++) {
                perFile.get(file).forEach(path -> paths.add(DuckDbSql.string(path.toString())));
            }
            value.append(" WHEN ").append(DuckDbSql.identifier(FILE_COLUMN)).append(" IN (").append(String.join(", ", paths)).append(") THEN ")
                    .append(literal(part.values(), key));
        }
        return value.append(" END").toString();
    }

    private static String literal(List<String> values, int key)
    {
        String value = key < values.size() ? values.get(key) : null;
        return value == null || value.equals(HIVE_DEFAULT_PARTITION) ? "NULL" : DuckDbSql.string(value);
    }

    /**
     * Every column read as text, except the {@code typed} ones: the projection casts it, so a
     * value that does not parse is NULL, as in Hive. {@code skip} header lines are dropped at the start of each file (pipes come
     * without them).
     */
    private static String readCsv(io.trino.sql.tree.Node reference, DataFormat format, List<Column> columns, Set<String> typed, List<List<Path>> pipes,
            String fileColumn, int skip)
    {
        String declared = columns.stream()
                .map(column -> DuckDbSql.string(column.name().toLowerCase(Locale.ROOT)) + ": "
                        + DuckDbSql.string(typed.contains(column.name().toLowerCase(Locale.ROOT)) ? duckType(reference, column) : "VARCHAR"))
                .collect(Collectors.joining(", ", "{", "}"));
        StringBuilder options = new StringBuilder()
                .append("delim = ").append(DuckDbSql.string(format.delimiter()))
                .append(", quote = ").append(DuckDbSql.string(format.quote().orElse("")))
                .append(", escape = ").append(DuckDbSql.string(format.escape().filter(escape -> format.quote().isPresent()).orElse("")))
                .append(", header = false, skip = ").append(skip)
                .append(", columns = ").append(declared)
                .append(", auto_detect = false, null_padding = true, strict_mode = false, compression = 'none'")
                .append(", buffer_size = ").append(CSV_BUFFER_BYTES);
        format.nullText().ifPresent(text -> options.append(", nullstr = ").append(DuckDbSql.string(text)));
        return "read_csv(" + list(pipes) + ", " + options + fileColumn + ")";
    }

    private static String empty(io.trino.sql.tree.Node reference, List<Column> columns, List<Column> keys)
    {
        List<String> projection = new ArrayList<>();
        for (Column column : columns) {
            projection.add("CAST(NULL AS " + duckType(reference, column) + ") AS " + DuckDbSql.identifier(column.name()));
        }
        for (Column key : keys) {
            projection.add("CAST(NULL AS " + duckType(reference, key) + ") AS " + DuckDbSql.identifier(key.name()));
        }
        return "SELECT " + String.join(", ", projection) + " WHERE false";
    }

    private static String duckType(io.trino.sql.tree.Node reference, Column column)
    {
        try {
            return SqlType.parseHive(column.type()).toDuckDb();
        }
        catch (IllegalArgumentException e) {
            throw TranslationException.unsupported(reference, "The column type '" + column.type() + "' of '" + column.name() + "'");
        }
    }

    private static S3Location location(io.trino.sql.tree.Node reference, StorageDescriptor storage)
    {
        String location = storage.location().orElseThrow(() -> TranslationException.semantic(reference, "The table has no location"));
        return S3Location.tryParse(location)
                .orElseThrow(() -> TranslationException.semantic(reference, "The location '" + location + "' is not an S3 location"));
    }

    /** A table's name resolved against the session's database. */
    record TableName(String database, String table)
    {
        static Optional<TableName> of(List<String> parts, Optional<String> defaultDatabase)
        {
            List<String> lower = parts.stream().map(part -> part.toLowerCase(Locale.ROOT)).toList();
            return switch (lower.size()) {
                case 1 -> defaultDatabase.map(database -> new TableName(database.toLowerCase(Locale.ROOT), lower.get(0)));
                case 2 -> Optional.of(new TableName(lower.get(0), lower.get(1)));
                case 3 -> lower.get(0).equals("awsdatacatalog") ? Optional.of(new TableName(lower.get(1), lower.get(2))) : Optional.empty();
                default -> Optional.empty();
            };
        }

        @Override
        public String toString()
        {
            return "awsdatacatalog." + database + "." + table;
        }
    }
}
