package dev.tarn.glue.catalog;

import dev.tarn.glue.GlueErrors;
import dev.tarn.glue.GlueStore;
import dev.tarn.glue.Ids;
import dev.tarn.glue.model.Database;
import dev.tarn.glue.model.DatabaseInput;
import dev.tarn.glue.model.Partition;
import dev.tarn.glue.model.PartitionInput;
import dev.tarn.glue.model.Table;
import dev.tarn.glue.model.TableInput;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.MetadataTransaction;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The Data Catalog's rules over its documents: databases hold tables, tables hold versions,
 * partitions, partition indexes and column statistics; names of databases and tables are
 * case-insensitive (kept lowercase, as Glue keeps them). Both the API and the crawlers write
 * through here, inside a transaction they own.
 */
public final class Catalog
{
    public static final int MAX_NAME_LENGTH = 255;

    private final MetadataStore metadata;
    private final GlueStore store;
    private final Clock clock;

    public Catalog(MetadataStore metadata, GlueStore store, Clock clock)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public MetadataStore metadata()
    {
        return metadata;
    }

    public GlueStore store()
    {
        return store;
    }

    public Instant now()
    {
        return clock.instant();
    }

    public static String name(String kind, String name)
    {
        if (name == null || name.isBlank()) {
            throw GlueErrors.invalidInput(kind + " name must not be empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw GlueErrors.invalidInput(kind + " name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 && c != '\t') {
                throw GlueErrors.invalidInput(kind + " name contains a control character");
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    // databases

    public static String databaseId(String catalogId, String database)
    {
        return Ids.join(catalogId, database);
    }

    public Optional<Database> database(MetadataReader reader, String catalogId, String database)
    {
        return store.get(reader, GlueStore.DATABASES, databaseId(catalogId, database.toLowerCase(Locale.ROOT)), Database.class);
    }

    public Database requireDatabase(MetadataReader reader, String catalogId, String database)
    {
        return database(reader, catalogId, database).orElseThrow(() -> GlueErrors.notFound("Database " + database + " not found."));
    }

    public Database createDatabase(MetadataTransaction transaction, String catalogId, DatabaseInput input)
    {
        String name = name("Database", input.name());
        if (database(transaction, catalogId, name).isPresent()) {
            throw GlueErrors.ALREADY_EXISTS.exception("Database already exists.");
        }
        Database database = new Database(name, input.description(), input.locationUri(), input.parameters(), now(),
                input.createTableDefaultPermissions(), input.targetDatabase(), catalogId);
        store.put(transaction, GlueStore.DATABASES, databaseId(catalogId, name), database);
        return database;
    }

    public void updateDatabase(MetadataTransaction transaction, String catalogId, String name, DatabaseInput input)
    {
        Database current = requireDatabase(transaction, catalogId, name);
        String newName = name("Database", input.name());
        if (!newName.equals(current.name())) {
            throw GlueErrors.invalidInput("Database name cannot be changed");
        }
        store.put(transaction, GlueStore.DATABASES, databaseId(catalogId, current.name()), new Database(current.name(), input.description(),
                input.locationUri(), input.parameters(), current.createTime(), input.createTableDefaultPermissions(), input.targetDatabase(), catalogId));
    }

    /** Deletes a database with everything in it. */
    public void deleteDatabase(MetadataTransaction transaction, String catalogId, String name)
    {
        Database database = requireDatabase(transaction, catalogId, name);
        String prefix = databaseId(catalogId, database.name()) + "/";
        for (String collection : List.of(GlueStore.TABLES, GlueStore.TABLE_VERSIONS, GlueStore.PARTITIONS, GlueStore.PARTITION_INDEXES,
                GlueStore.COLUMN_STATISTICS)) {
            store.deleteAll(transaction, collection, prefix);
        }
        store.delete(transaction, GlueStore.DATABASES, databaseId(catalogId, database.name()));
    }

    // tables

    public static String tableId(String catalogId, String database, String table)
    {
        return Ids.join(catalogId, database, table);
    }

    public Optional<Table> table(MetadataReader reader, String catalogId, String database, String table)
    {
        return store.get(reader, GlueStore.TABLES, tableId(catalogId, database.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)), Table.class);
    }

    public Table requireTable(MetadataReader reader, String catalogId, String database, String table)
    {
        requireDatabase(reader, catalogId, database);
        return table(reader, catalogId, database, table).orElseThrow(() -> GlueErrors.notFound("Table " + table + " not found."));
    }

    public Table createTable(MetadataTransaction transaction, String catalogId, String databaseName, TableInput input, Optional<String> createdBy)
    {
        Database database = requireDatabase(transaction, catalogId, databaseName);
        String name = name("Table", input.name());
        validate(input);
        if (table(transaction, catalogId, database.name(), name).isPresent()) {
            throw GlueErrors.ALREADY_EXISTS.exception("Table already exists.");
        }
        Instant now = now();
        Table table = new Table(name, database.name(), input.description(), input.owner(), now, now, input.lastAccessTime(), input.lastAnalyzedTime(),
                input.retention(), input.storageDescriptor(), input.partitionKeys(), input.viewOriginalText(), input.viewExpandedText(), input.tableType(),
                input.parameters(), createdBy, false, input.targetTable(), catalogId, "0");
        putTable(transaction, table);
        return table;
    }

    /**
     * Replaces a table's definition. Unless {@code skipArchive}, the replaced definition stays
     * readable as a table version. {@code expectedVersion}, when given, must be the current one.
     */
    public Table updateTable(MetadataTransaction transaction, String catalogId, String databaseName, TableInput input, boolean skipArchive,
            Optional<String> expectedVersion)
    {
        String name = name("Table", input.name());
        validate(input);
        Table current = requireTable(transaction, catalogId, databaseName, name);
        if (expectedVersion.isPresent() && !expectedVersion.get().equals(current.versionId())) {
            throw GlueErrors.CONCURRENT_MODIFICATION.exception("Update table failed due to concurrent modifications.");
        }
        String nextVersion = Long.toString(Long.parseLong(current.versionId()) + 1);
        if (skipArchive) {
            store.delete(transaction, GlueStore.TABLE_VERSIONS, versionId(current));
        }
        Table updated = current.updatedBy(input, now(), nextVersion);
        putTable(transaction, updated);
        return updated;
    }

    private void putTable(MetadataTransaction transaction, Table table)
    {
        store.put(transaction, GlueStore.TABLES, tableId(table.catalogId(), table.databaseName(), table.name()), table);
        store.put(transaction, GlueStore.TABLE_VERSIONS, versionId(table), table);
    }

    static String versionId(Table table)
    {
        return tableId(table.catalogId(), table.databaseName(), table.name()) + "/" + paddedVersion(table.versionId());
    }

    static String paddedVersion(String versionId)
    {
        return String.format("%012d", Long.parseLong(versionId));
    }

    /** Deletes a table with its versions, partitions, indexes and statistics. */
    public void deleteTable(MetadataTransaction transaction, String catalogId, String databaseName, String tableName)
    {
        Table table = requireTable(transaction, catalogId, databaseName, tableName);
        String id = tableId(catalogId, table.databaseName(), table.name());
        for (String collection : List.of(GlueStore.TABLE_VERSIONS, GlueStore.PARTITIONS, GlueStore.PARTITION_INDEXES, GlueStore.COLUMN_STATISTICS)) {
            store.deleteAll(transaction, collection, id + "/");
        }
        store.delete(transaction, GlueStore.TABLES, id);
    }

    private static void validate(TableInput input)
    {
        input.storageDescriptor().ifPresent(sd -> sd.columns().forEach(column -> {
            if (column.name().isEmpty()) {
                throw GlueErrors.invalidInput("Column name must not be empty");
            }
        }));
        input.tableType().ifPresent(type -> {
            if (type.length() > 255) {
                throw GlueErrors.invalidInput("TableType must be at most 255 characters");
            }
        });
    }

    // partitions

    public static String partitionId(Table table, List<String> values)
    {
        return tableId(table.catalogId(), table.databaseName(), table.name()) + "/" + Ids.values(values);
    }

    public Optional<Partition> partition(MetadataReader reader, Table table, List<String> values)
    {
        return store.get(reader, GlueStore.PARTITIONS, partitionId(table, values), Partition.class);
    }

    public Partition requirePartition(MetadataReader reader, Table table, List<String> values)
    {
        checkValues(table, values);
        return partition(reader, table, values).orElseThrow(() -> GlueErrors.notFound("Partition not found."));
    }

    public Partition createPartition(MetadataTransaction transaction, Table table, PartitionInput input)
    {
        checkValues(table, input.values());
        if (partition(transaction, table, input.values()).isPresent()) {
            throw GlueErrors.ALREADY_EXISTS.exception("Partition already exists.");
        }
        Partition partition = new Partition(input.values(), table.databaseName(), table.name(), now(), input.lastAccessTime(), input.storageDescriptor(),
                input.parameters(), input.lastAnalyzedTime(), table.catalogId());
        store.put(transaction, GlueStore.PARTITIONS, partitionId(table, input.values()), partition);
        return partition;
    }

    /** Replaces a partition; its values may change (the partition moves). */
    public void updatePartition(MetadataTransaction transaction, Table table, List<String> values, PartitionInput input)
    {
        Partition current = requirePartition(transaction, table, values);
        List<String> newValues = input.values().isEmpty() ? values : input.values();
        checkValues(table, newValues);
        if (!newValues.equals(values)) {
            if (partition(transaction, table, newValues).isPresent()) {
                throw GlueErrors.ALREADY_EXISTS.exception("Partition already exists.");
            }
            store.delete(transaction, GlueStore.PARTITIONS, partitionId(table, values));
        }
        store.put(transaction, GlueStore.PARTITIONS, partitionId(table, newValues), new Partition(newValues, table.databaseName(), table.name(),
                current.creationTime(), input.lastAccessTime(), input.storageDescriptor(), input.parameters(), input.lastAnalyzedTime(), table.catalogId()));
    }

    public void deletePartition(MetadataTransaction transaction, Table table, List<String> values)
    {
        requirePartition(transaction, table, values);
        String id = partitionId(table, values);
        store.delete(transaction, GlueStore.PARTITIONS, id);
        store.deleteAll(transaction, GlueStore.COLUMN_STATISTICS, tableId(table.catalogId(), table.databaseName(), table.name()) + "/"
                + Ids.part(Ids.values(values)) + "/");
    }

    public List<Partition> partitions(MetadataReader reader, Table table, Optional<String> afterId, int limit)
    {
        return store.list(reader, GlueStore.PARTITIONS, tableId(table.catalogId(), table.databaseName(), table.name()) + "/", afterId, limit, Partition.class);
    }

    private static void checkValues(Table table, List<String> values)
    {
        if (values.size() != table.partitionKeys().size()) {
            throw GlueErrors.invalidInput("The number of partition keys do not match the number of partition values.");
        }
    }
}
