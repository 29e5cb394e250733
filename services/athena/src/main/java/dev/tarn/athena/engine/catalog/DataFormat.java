package dev.tarn.athena.engine.catalog;

import dev.tarn.glue.model.SerDeInfo;
import dev.tarn.glue.model.StorageDescriptor;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a table's files are to be read, as its SerDe, input format and parameters say.
 *
 * @param kind the file format
 * @param delimiter field separator of text files
 * @param quote quote character of OpenCSVSerde files, empty for LazySimpleSerDe (which has none)
 * @param escape escape character, when one is set
 * @param headerLines lines to skip at the start of each file ({@code skip.header.line.count})
 * @param nullText the text of a NULL field ({@code serialization.null.format}, {@code \N} by default for LazySimpleSerDe)
 */
public record DataFormat(Kind kind, String delimiter, Optional<String> quote, Optional<String> escape, int headerLines, Optional<String> nullText)
{
    public enum Kind
    {
        /** LazySimpleSerDe: delimited, no quoting, {@code \N} is NULL, a value that does not parse is NULL. */
        DELIMITED,
        /** OpenCSVSerde: quoted CSV. */
        CSV,
        JSON,
        PARQUET,
        ORC,
        AVRO
    }

    public static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    public static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    public static final String HIVE_JSON_SERDE = "org.apache.hive.hcatalog.data.JsonSerDe";
    public static final String OPENX_JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    public static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public static final String ORC_SERDE = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";
    public static final String AVRO_SERDE = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";

    public DataFormat
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(delimiter, "delimiter is null");
        requireNonNull(quote, "quote is null");
        requireNonNull(escape, "escape is null");
        requireNonNull(nullText, "nullText is null");
    }

    /** The format of data described by {@code storage}, with the table's parameters (skip.header.line.count, classification). */
    public static DataFormat of(StorageDescriptor storage, Map<String, String> tableParameters)
    {
        SerDeInfo serde = storage.serdeInfo().orElse(SerDeInfo.of(LAZY_SIMPLE_SERDE, Map.of()));
        String library = serde.serializationLibrary().orElse("").toLowerCase(Locale.ROOT);
        String input = storage.inputFormat().orElse("").toLowerCase(Locale.ROOT);
        String classification = tableParameters.getOrDefault("classification", storage.parameters().getOrDefault("classification", ""))
                .toLowerCase(Locale.ROOT);
        Map<String, String> parameters = serde.parameters();
        int header = parseInt(tableParameters.getOrDefault("skip.header.line.count", storage.parameters().getOrDefault("skip.header.line.count", "0")));
        if (library.contains("parquet") || input.contains("parquet") || classification.equals("parquet")) {
            return simple(Kind.PARQUET);
        }
        if (library.contains("orc") || input.contains("orc") || classification.equals("orc")) {
            return simple(Kind.ORC);
        }
        if (library.contains("avro") || input.contains("avro") || classification.equals("avro")) {
            return simple(Kind.AVRO);
        }
        if (library.contains("json") || classification.equals("json")) {
            return simple(Kind.JSON);
        }
        if (library.contains("opencsv")) {
            return new DataFormat(Kind.CSV, parameters.getOrDefault("separatorChar", ","), Optional.of(parameters.getOrDefault("quoteChar", "\"")),
                    Optional.of(parameters.getOrDefault("escapeChar", "\\")), header, Optional.empty());
        }
        String delimiter = parameters.getOrDefault("field.delim", parameters.getOrDefault("separatorChar",
                parameters.getOrDefault("serialization.format", classification.equals("csv") ? "," : "\u0001")));
        if (delimiter.length() != 1 && delimiter.chars().allMatch(Character::isDigit)) {
            // serialization.format '1' is the byte 1, Hive's default delimiter
            delimiter = String.valueOf((char) Integer.parseInt(delimiter));
        }
        if (delimiter.equals("1")) {
            delimiter = "\u0001";
        }
        return new DataFormat(Kind.DELIMITED, delimiter, Optional.empty(), Optional.ofNullable(parameters.get("escape.delim")), header,
                Optional.of(parameters.getOrDefault("serialization.null.format", "\\N")));
    }

    private static DataFormat simple(Kind kind)
    {
        return new DataFormat(kind, ",", Optional.empty(), Optional.empty(), 0, Optional.empty());
    }

    private static int parseInt(String value)
    {
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }
}
