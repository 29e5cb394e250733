package dev.tarn.glue.classify;

import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.SerDeInfo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parquet files: the schema is in the footer at the end of the file, so only the first bytes (the
 * magic) and the last ones (footer and its length) are read. DuckDB, which S3 Select already
 * uses, reads the footer: it is given a sparse file of the object's size holding just those bytes,
 * and asked to DESCRIBE the file without reading any row group.
 */
public final class ParquetInference
{
    /** Footers larger than this are not read (a schema of thousands of columns). */
    public static final int MAX_FOOTER_BYTES = 16 << 20;

    private ParquetInference() {}

    public static boolean matches(byte[] sample)
    {
        return sample.length >= 4 && sample[0] == 'P' && sample[1] == 'A' && sample[2] == 'R' && sample[3] == '1';
    }

    /** The footer length the last 8 bytes of a Parquet file announce, or empty when they are not a Parquet ending. */
    public static Optional<Integer> footerLength(byte[] lastEight)
    {
        if (lastEight.length != 8 || lastEight[4] != 'P' || lastEight[5] != 'A' || lastEight[6] != 'R' || lastEight[7] != '1') {
            return Optional.empty();
        }
        int length = ByteBuffer.wrap(lastEight, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return length > 0 && length <= MAX_FOOTER_BYTES ? Optional.of(length) : Optional.empty();
    }

    /** The schema of a Parquet file of {@code fileSize} bytes whose last bytes are {@code tail} (the footer, its length and magic). */
    public static Optional<FileSchema> infer(long fileSize, byte[] tail)
    {
        Path file = null;
        try {
            file = Files.createTempFile("tarn-glue-footer-", ".parquet");
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.setLength(fileSize);
                sparse.write("PAR1".getBytes(StandardCharsets.US_ASCII));
                sparse.seek(fileSize - tail.length);
                sparse.write(tail);
            }
            List<Column> columns = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement()) {
                statement.execute("SET autoinstall_known_extensions = false");
                try (ResultSet rows = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file.toString().replace("'", "''") + "')")) {
                    while (rows.next()) {
                        columns.add(Column.of(rows.getString("column_name").toLowerCase(Locale.ROOT), hiveType(rows.getString("column_type"))));
                    }
                }
            }
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new FileSchema("parquet", "none", columns, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                    SerDeInfo.of("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", Map.of("serialization.format", "1")),
                    Map.of("classification", "parquet"), "parquet"));
        }
        catch (IOException | SQLException e) {
            return Optional.empty();
        }
        finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                }
                catch (IOException ignored) {
                    // a temporary file left behind is removed with the temporary directory
                }
            }
        }
    }

    /** DuckDB's type names as Hive's: BIGINT → bigint, INTEGER[] → array&lt;int&gt;, STRUCT(a VARCHAR) → struct&lt;a:string&gt;, ... */
    static String hiveType(String duckType)
    {
        String type = duckType.trim();
        if (type.endsWith("[]")) {
            return "array<" + hiveType(type.substring(0, type.length() - 2)) + ">";
        }
        String upper = type.toUpperCase(Locale.ROOT);
        if (upper.startsWith("STRUCT(") && type.endsWith(")")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : splitTopLevel(type.substring(7, type.length() - 1))) {
                String trimmed = field.trim();
                int space = fieldNameEnd(trimmed);
                String name = trimmed.substring(0, space).replace("\"", "").toLowerCase(Locale.ROOT);
                fields.put(name, hiveType(trimmed.substring(space).trim()));
            }
            return HiveTypes.struct(fields);
        }
        if (upper.startsWith("MAP(") && type.endsWith(")")) {
            List<String> parts = splitTopLevel(type.substring(4, type.length() - 1));
            return parts.size() == 2 ? "map<" + hiveType(parts.get(0)) + "," + hiveType(parts.get(1)) + ">" : "string";
        }
        if (upper.startsWith("DECIMAL(")) {
            return type.toLowerCase(Locale.ROOT).replace(" ", "");
        }
        return switch (upper) {
            case "BOOLEAN" -> "boolean";
            case "TINYINT", "UTINYINT" -> "tinyint";
            case "SMALLINT", "USMALLINT" -> "smallint";
            case "INTEGER", "UINTEGER" -> "int";
            case "BIGINT", "UBIGINT", "HUGEINT" -> "bigint";
            case "FLOAT" -> "float";
            case "DOUBLE" -> "double";
            case "DATE" -> "date";
            case "BLOB" -> "binary";
            default -> upper.startsWith("TIMESTAMP") ? "timestamp" : "string";
        };
    }

    private static int fieldNameEnd(String field)
    {
        if (field.startsWith("\"")) {
            int close = field.indexOf('"', 1);
            return close < 0 ? field.length() : close + 1;
        }
        int space = field.indexOf(' ');
        return space < 0 ? field.length() : space;
    }

    private static List<String> splitTopLevel(String text)
    {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            else if (!quoted && c == '(') {
                depth++;
            }
            else if (!quoted && c == ')') {
                depth--;
            }
            else if (!quoted && c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
