package dev.tarn.glue.classify;

import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.SerDeInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What classifying one file found: its classification (csv, json, avro), compression, columns
 * with inferred types (possibly {@link HiveTypes#UNKNOWN} where no value said anything), the
 * formats and SerDe that read it, and the table parameters that describe it.
 *
 * @param format what must agree for two files to share a table (the delimiter and header of a CSV file, for instance)
 */
public record FileSchema(String classification, String compressionType, List<Column> columns, String inputFormat, String outputFormat,
        SerDeInfo serde, Map<String, String> parameters, String format)
{
    public FileSchema
    {
        requireNonNull(classification, "classification is null");
        requireNonNull(compressionType, "compressionType is null");
        columns = List.copyOf(columns);
        requireNonNull(inputFormat, "inputFormat is null");
        requireNonNull(outputFormat, "outputFormat is null");
        requireNonNull(serde, "serde is null");
        parameters = Map.copyOf(parameters);
        requireNonNull(format, "format is null");
    }

    /** Whether files of the two schemas can be one table: same kind of file, and at least {@code threshold} of the smaller one's columns in common. */
    public boolean compatibleWith(FileSchema other, double threshold)
    {
        if (!classification.equals(other.classification) || !format.equals(other.format)) {
            return false;
        }
        if (threshold <= 0) {
            return true;
        }
        // measured against the smaller schema, so that a file with added columns still joins its table
        long common = columns.stream().filter(column -> other.columns.stream().anyMatch(o -> o.name().equals(column.name()))).count();
        int smaller = Math.min(columns.size(), other.columns.size());
        return smaller == 0 || (double) common / smaller >= threshold;
    }

    /** This schema widened by another's: columns of both (this one's first), types merged. */
    public FileSchema merge(FileSchema other)
    {
        Map<String, String> types = new LinkedHashMap<>();
        for (Column column : columns) {
            types.put(column.name(), column.type());
        }
        for (Column column : other.columns) {
            types.merge(column.name(), column.type(), HiveTypes::merge);
        }
        List<Column> merged = new ArrayList<>();
        types.forEach((name, type) -> merged.add(Column.of(name, type)));
        String compression = compressionType.equals(other.compressionType) ? compressionType : compressionType.equals("none") ? other.compressionType : compressionType;
        return new FileSchema(classification, compression, merged, inputFormat, outputFormat, serde, parameters, format);
    }

    public List<Column> resolvedColumns()
    {
        return columns.stream().map(column -> Column.of(column.name(), HiveTypes.resolved(column.type()))).toList();
    }
}
