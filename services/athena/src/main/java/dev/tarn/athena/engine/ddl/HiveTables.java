package dev.tarn.athena.engine.ddl;

import dev.tarn.athena.engine.catalog.DataFormat;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.SerDeInfo;
import dev.tarn.glue.model.StorageDescriptor;
import dev.tarn.glue.model.Table;
import dev.tarn.glue.model.TableInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Glue tables from Hive DDL, and Hive DDL (SHOW CREATE TABLE) from Glue tables. */
public final class HiveTables
{
    public static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    public static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    public static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public static final String ORC_INPUT = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
    public static final String ORC_OUTPUT = "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";
    public static final String AVRO_INPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
    public static final String AVRO_OUTPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";

    private HiveTables() {}

    /** The Glue TableInput a CREATE EXTERNAL TABLE describes. */
    public static TableInput tableInput(HiveStatement.CreateTable create)
    {
        String storedAs = create.storedAs().orElse("TEXTFILE");
        String input;
        String output;
        String defaultSerde;
        switch (storedAs) {
            case "PARQUET" -> {
                input = PARQUET_INPUT;
                output = PARQUET_OUTPUT;
                defaultSerde = DataFormat.PARQUET_SERDE;
            }
            case "ORC" -> {
                input = ORC_INPUT;
                output = ORC_OUTPUT;
                defaultSerde = DataFormat.ORC_SERDE;
            }
            case "AVRO" -> {
                input = AVRO_INPUT;
                output = AVRO_OUTPUT;
                defaultSerde = DataFormat.AVRO_SERDE;
            }
            case "JSON", "JSONFILE" -> {
                input = TEXT_INPUT;
                output = TEXT_OUTPUT;
                defaultSerde = DataFormat.HIVE_JSON_SERDE;
            }
            case "TEXTFILE" -> {
                input = TEXT_INPUT;
                output = TEXT_OUTPUT;
                defaultSerde = DataFormat.LAZY_SIMPLE_SERDE;
            }
            default -> throw new IllegalArgumentException("STORED AS " + storedAs + " is not supported");
        }
        Map<String, String> serdeParameters = new LinkedHashMap<>(create.serdeProperties());
        String serde = create.serde().orElse(defaultSerde);
        if (serde.equals(DataFormat.LAZY_SIMPLE_SERDE) && !serdeParameters.containsKey("serialization.format")) {
            serdeParameters.put("serialization.format", serdeParameters.getOrDefault("field.delim", "1"));
        }
        Map<String, String> parameters = new LinkedHashMap<>(create.tableProperties());
        parameters.put("EXTERNAL", "TRUE");
        StorageDescriptor storage = new StorageDescriptor(create.columns(), create.location(), Optional.empty(),
                Optional.of(create.inputFormat().orElse(input)), Optional.of(create.outputFormat().orElse(output)), false,
                create.buckets() > 0 ? create.buckets() : -1, Optional.of(SerDeInfo.of(serde, serdeParameters)), create.bucketColumns(), List.of(),
                Map.of(), Optional.empty(), false, Optional.empty());
        return new TableInput(create.name().name(), create.comment(), Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.of(storage),
                create.partitionKeys(), Optional.empty(), Optional.empty(), Optional.of("EXTERNAL_TABLE"), parameters, Optional.empty());
    }

    /** SHOW CREATE TABLE: the table as Hive DDL, one line per row. */
    public static List<String> createStatement(Table table)
    {
        List<String> lines = new ArrayList<>();
        StorageDescriptor storage = table.storageDescriptor().orElseThrow();
        lines.add("CREATE EXTERNAL TABLE `" + table.databaseName() + "`.`" + table.name() + "`(");
        lines.addAll(columnLines(storage.columns()));
        lines.add(")");
        if (!table.partitionKeys().isEmpty()) {
            lines.add("PARTITIONED BY ( ");
            lines.addAll(columnLines(table.partitionKeys()));
            lines.add(")");
        }
        if (!storage.bucketColumns().isEmpty() && storage.numberOfBuckets() > 0) {
            lines.add("CLUSTERED BY ( ");
            lines.add(storage.bucketColumns().stream().map(name -> "  " + name).collect(Collectors.joining(", ")) + ") ");
            lines.add("INTO " + storage.numberOfBuckets() + " BUCKETS");
        }
        storage.serdeInfo().flatMap(SerDeInfo::serializationLibrary).ifPresent(serde -> {
            lines.add("ROW FORMAT SERDE ");
            lines.add("  '" + serde + "' ");
        });
        Map<String, String> serdeParameters = storage.serdeInfo().map(SerDeInfo::parameters).orElse(Map.of());
        if (!serdeParameters.isEmpty()) {
            lines.add("WITH SERDEPROPERTIES ( ");
            lines.add(properties(serdeParameters) + ") ");
        }
        lines.add("STORED AS INPUTFORMAT ");
        lines.add("  '" + storage.inputFormat().orElse(TEXT_INPUT) + "' ");
        lines.add("OUTPUTFORMAT ");
        lines.add("  '" + storage.outputFormat().orElse(TEXT_OUTPUT) + "'");
        storage.location().ifPresent(location -> {
            lines.add("LOCATION");
            lines.add("  '" + location + "'");
        });
        Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
        parameters.remove("EXTERNAL");
        if (!parameters.isEmpty()) {
            lines.add("TBLPROPERTIES (");
            lines.add(properties(parameters) + ")");
        }
        return lines;
    }

    private static List<String> columnLines(List<Column> columns)
    {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String comment = column.comment().map(text -> " COMMENT '" + text.replace("'", "\\'") + "'").orElse("");
            lines.add("  `" + column.name() + "` " + column.type().toLowerCase(Locale.ROOT) + comment + (i < columns.size() - 1 ? ", " : ""));
        }
        return lines;
    }

    private static String properties(Map<String, String> properties)
    {
        return properties.entrySet().stream()
                .map(entry -> "  '" + escape(entry.getKey()) + "'='" + escape(entry.getValue()) + "'")
                .collect(Collectors.joining(", \n"));
    }

    private static String escape(String value)
    {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            }
            else if (c < 0x20) {
                out.append(String.format("\\%03o", (int) c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
