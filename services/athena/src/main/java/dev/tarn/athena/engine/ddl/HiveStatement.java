package dev.tarn.athena.engine.ddl;

import dev.tarn.glue.model.Column;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed statement of the Hive DDL subset Athena runs (and the SHOW/DESCRIBE utilities). */
public sealed interface HiveStatement
{
    /** A database-qualified name; the database is empty when the statement leaves it to the session. */
    record Name(Optional<String> database, String name)
    {
        public String in(Optional<String> sessionDatabase)
        {
            return database.or(() -> sessionDatabase).orElse("");
        }
    }

    record CreateDatabase(String name, boolean ifNotExists, Optional<String> comment, Optional<String> location, Map<String, String> properties)
            implements HiveStatement {}

    record DropDatabase(String name, boolean ifExists, boolean cascade)
            implements HiveStatement {}

    /**
     * @param rowFormat the SerDe library and its parameters
     * @param storedAs STORED AS's format name, or INPUTFORMAT/OUTPUTFORMAT classes
     */
    record CreateTable(Name name, boolean external, boolean ifNotExists, List<Column> columns, Optional<String> comment, List<Column> partitionKeys,
            List<String> bucketColumns, int buckets, Optional<String> serde, Map<String, String> serdeProperties, Optional<String> storedAs,
            Optional<String> inputFormat, Optional<String> outputFormat, Optional<String> location, Map<String, String> tableProperties)
            implements HiveStatement {}

    record DropTable(Name name, boolean ifExists, boolean view)
            implements HiveStatement {}

    /** A partition named by its key values, in the order of the spec. */
    record PartitionSpec(Map<String, String> values, Optional<String> location) {}

    record AddPartitions(Name table, boolean ifNotExists, List<PartitionSpec> partitions)
            implements HiveStatement {}

    record DropPartitions(Name table, boolean ifExists, List<PartitionSpec> partitions)
            implements HiveStatement {}

    record SetTableProperties(Name table, Map<String, String> properties)
            implements HiveStatement {}

    record ChangeColumns(Name table, boolean replace, List<Column> columns)
            implements HiveStatement {}

    record RepairTable(Name table)
            implements HiveStatement {}

    enum ShowKind
    {
        DATABASES, TABLES, VIEWS, PARTITIONS, COLUMNS, CREATE_TABLE, CREATE_VIEW, TBLPROPERTIES
    }

    record Show(ShowKind kind, Optional<Name> target, Optional<String> database, Optional<String> like)
            implements HiveStatement {}

    record Describe(Name table, boolean formatted)
            implements HiveStatement {}

    /**
     * @param query the text of the SELECT in UNLOAD's parentheses
     * @param queryLine line of the query's first character in the statement (for error positions)
     * @param queryColumn column of the query's first character
     */
    record Unload(String query, int queryLine, int queryColumn, String location, Map<String, String> properties)
            implements HiveStatement {}
}
