package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.sql.SqlType;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Values in Athena's text form, as its result CSV and GetQueryResults show them: timestamps
 * with milliseconds, arrays as {@code [a, b]}, maps and rows as {@code {k=v, ...}}.
 */
final class AthenaValues
{
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private AthenaValues() {}

    static String format(Object value, SqlType type)
            throws SQLException
    {
        if (value == null || value == NullValue.NULL) {
            return "null";
        }
        if (type instanceof SqlType.ArrayType array) {
            StringJoiner out = new StringJoiner(", ", "[", "]");
            for (Object element : elements(value)) {
                out.add(format(element, array.element()));
            }
            return out.toString();
        }
        if (type instanceof SqlType.MapType map) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            if (value instanceof Map<?, ?> entries) {
                for (Map.Entry<?, ?> entry : entries.entrySet()) {
                    out.add(format(entry.getKey(), map.key()) + "=" + format(entry.getValue(), map.value()));
                }
            }
            return out.toString();
        }
        if (type instanceof SqlType.RowType row) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            List<Object> fields = fields(value);
            for (int i = 0; i < row.fields().size() && i < fields.size(); i++) {
                out.add(row.fields().get(i).name() + "=" + format(fields.get(i), row.fields().get(i).type()));
            }
            return out.toString();
        }
        String name = ((SqlType.Primitive) type).name();
        return switch (name) {
            case "double" -> Double.toString(((Number) value).doubleValue());
            case "real" -> Float.toString(((Number) value).floatValue());
            case "decimal" -> value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
            case "timestamp" -> timestamp(value);
            case "timestamp with time zone" -> timestampWithZone(value);
            case "date" -> value instanceof java.sql.Date date ? date.toLocalDate().toString() : value.toString();
            case "time" -> value instanceof LocalTime time ? time.toString() : value.toString();
            case "varbinary" -> value instanceof byte[] bytes ? HexFormat.ofDelimiter(" ").formatHex(bytes) : value.toString();
            default -> value.toString();
        };
    }

    private static String timestamp(Object value)
    {
        if (value instanceof LocalDateTime local) {
            return TIMESTAMP.format(local);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return TIMESTAMP.format(timestamp.toLocalDateTime());
        }
        if (value instanceof LocalDate date) {
            return TIMESTAMP.format(date.atStartOfDay());
        }
        return value.toString();
    }

    private static String timestampWithZone(Object value)
    {
        if (value instanceof OffsetDateTime offset) {
            return TIMESTAMP.format(offset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + " UTC";
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return TIMESTAMP.format(timestamp.toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime()) + " UTC";
        }
        return value.toString();
    }

    private static List<Object> elements(Object value)
            throws SQLException
    {
        if (value instanceof Array array) {
            return List.of(nonNullArray((Object[]) array.getArray()));
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof Object[] objects) {
            return List.of(nonNullArray(objects));
        }
        return List.of(value);
    }

    private static Object[] nonNullArray(Object[] objects)
    {
        Object[] copy = new Object[objects.length];
        for (int i = 0; i < objects.length; i++) {
            copy[i] = objects[i] == null ? NullValue.NULL : objects[i];
        }
        return copy;
    }

    private static List<Object> fields(Object value)
            throws SQLException
    {
        if (value instanceof Struct struct) {
            List<Object> fields = new ArrayList<>();
            for (Object attribute : struct.getAttributes()) {
                fields.add(attribute);
            }
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.values());
        }
        return List.of(value);
    }

    /** Stands for a NULL element inside an array (List.of refuses null). */
    enum NullValue
    {
        NULL;

        @Override
        public String toString()
        {
            return "null";
        }
    }
}
