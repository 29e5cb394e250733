package dev.tarn.athena.engine.sql;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A column type in the engine's own terms (Trino's names), convertible to the spelling of each
 * party: Hive for the Glue catalog, DuckDB for execution, Athena for result metadata and Trino
 * for view definitions.
 */
public sealed interface SqlType
        permits SqlType.Primitive, SqlType.ArrayType, SqlType.MapType, SqlType.RowType
{
    /** A scalar: {@code name} is Trino's ({@code varchar}, {@code integer}, {@code decimal}, ...). */
    record Primitive(String name, int precision, int scale)
            implements SqlType
    {
        public Primitive
        {
            requireNonNull(name, "name is null");
        }

        public static Primitive of(String name)
        {
            return new Primitive(name, 0, 0);
        }
    }

    record ArrayType(SqlType element)
            implements SqlType
    {
        public ArrayType
        {
            requireNonNull(element, "element is null");
        }
    }

    record MapType(SqlType key, SqlType value)
            implements SqlType
    {
        public MapType
        {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }
    }

    record Field(String name, SqlType type)
    {
        public Field
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    record RowType(List<Field> fields)
            implements SqlType
    {
        public RowType
        {
            fields = List.copyOf(fields);
        }
    }

    SqlType VARCHAR = Primitive.of("varchar");
    SqlType BIGINT = Primitive.of("bigint");

    /** The type's name in GetQueryResults' ColumnInfo.Type. */
    default String athenaName()
    {
        if (this instanceof Primitive primitive) {
            return primitive.name();
        }
        if (this instanceof ArrayType) {
            return "array";
        }
        return this instanceof MapType ? "map" : "row";
    }

    default String toDuckDb()
    {
        if (this instanceof ArrayType array) {
            return array.element().toDuckDb() + "[]";
        }
        if (this instanceof MapType map) {
            return "MAP(" + map.key().toDuckDb() + ", " + map.value().toDuckDb() + ")";
        }
        if (this instanceof RowType row) {
            return row.fields().stream().map(field -> quote(field.name()) + " " + field.type().toDuckDb()).collect(Collectors.joining(", ", "STRUCT(", ")"));
        }
        Primitive primitive = (Primitive) this;
        return switch (primitive.name()) {
            case "varchar", "char", "json" -> "VARCHAR";
            case "integer" -> "INTEGER";
            case "bigint" -> "BIGINT";
            case "smallint" -> "SMALLINT";
            case "tinyint" -> "TINYINT";
            case "double" -> "DOUBLE";
            case "real" -> "FLOAT";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "timestamp" -> "TIMESTAMP";
            case "timestamp with time zone" -> "TIMESTAMPTZ";
            case "time" -> "TIME";
            case "decimal" -> "DECIMAL(" + primitive.precision() + ", " + primitive.scale() + ")";
            case "varbinary" -> "BLOB";
            case "uuid" -> "UUID";
            case "interval day to second", "interval year to month" -> "INTERVAL";
            default -> throw new IllegalArgumentException("Unknown type: " + primitive.name());
        };
    }

    default String toHive()
    {
        if (this instanceof ArrayType array) {
            return "array<" + array.element().toHive() + ">";
        }
        if (this instanceof MapType map) {
            return "map<" + map.key().toHive() + "," + map.value().toHive() + ">";
        }
        if (this instanceof RowType row) {
            return row.fields().stream().map(field -> field.name() + ":" + field.type().toHive()).collect(Collectors.joining(",", "struct<", ">"));
        }
        Primitive primitive = (Primitive) this;
        return switch (primitive.name()) {
            case "varchar", "json", "uuid", "time", "interval day to second", "interval year to month", "timestamp with time zone" -> "string";
            case "char" -> "string";
            case "integer" -> "int";
            case "real" -> "float";
            case "varbinary" -> "binary";
            case "decimal" -> "decimal(" + primitive.precision() + "," + primitive.scale() + ")";
            default -> primitive.name();
        };
    }

    /** Trino's spelling, as Athena's view definitions record column types. */
    default String toTrino()
    {
        if (this instanceof ArrayType array) {
            return "array(" + array.element().toTrino() + ")";
        }
        if (this instanceof MapType map) {
            return "map(" + map.key().toTrino() + ", " + map.value().toTrino() + ")";
        }
        if (this instanceof RowType row) {
            return row.fields().stream().map(field -> field.name() + " " + field.type().toTrino()).collect(Collectors.joining(", ", "row(", ")"));
        }
        Primitive primitive = (Primitive) this;
        return primitive.name().equals("decimal") ? "decimal(" + primitive.precision() + "," + primitive.scale() + ")" : primitive.name();
    }

    private static String quote(String name)
    {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A type as Hive DDL and the Glue catalog write it ({@code array<struct<a:int>>}). */
    static SqlType parseHive(String text)
    {
        return new TypeReader(text, TypeReader.Dialect.HIVE).readAll();
    }

    /** A type as DuckDB reports it ({@code STRUCT(a INTEGER)[]}). */
    static SqlType parseDuckDb(String text)
    {
        return new TypeReader(text, TypeReader.Dialect.DUCKDB).readAll();
    }

    /** A type as Trino writes it ({@code array(row(a integer))}). */
    static SqlType parseTrino(String text)
    {
        return new TypeReader(text, TypeReader.Dialect.TRINO).readAll();
    }

    /** A scalar type name from any of the dialects, in Trino's terms. */
    static Primitive primitive(String name, int precision, int scale)
    {
        String lower = name.toLowerCase(Locale.ROOT).trim();
        return switch (lower) {
            case "string", "varchar", "char", "text" -> new Primitive(lower.equals("char") ? "char" : "varchar", 0, 0);
            case "int", "integer", "int4", "signed", "uinteger", "usmallint" -> Primitive.of(lower.equals("uinteger") ? "bigint" : "integer");
            case "bigint", "int8", "long", "hugeint", "ubigint", "uhugeint" -> Primitive.of("bigint");
            case "smallint", "int2", "short", "utinyint" -> Primitive.of("smallint");
            case "tinyint", "int1" -> Primitive.of("tinyint");
            case "double", "float8", "double precision" -> Primitive.of("double");
            case "float", "real", "float4" -> Primitive.of("real");
            case "boolean", "bool" -> Primitive.of("boolean");
            case "date" -> Primitive.of("date");
            case "timestamp", "timestamp_ms", "timestamp_us", "timestamp_ns", "timestamp_s", "datetime", "timestamp without time zone" -> Primitive.of("timestamp");
            case "timestamptz", "timestamp with time zone" -> Primitive.of("timestamp with time zone");
            case "time" -> Primitive.of("time");
            case "decimal", "numeric" -> new Primitive("decimal", precision == 0 ? 38 : precision, scale);
            case "binary", "blob", "varbinary", "bytea" -> Primitive.of("varbinary");
            case "json" -> Primitive.of("json");
            case "uuid" -> Primitive.of("uuid");
            case "interval" -> Primitive.of("interval day to second");
            default -> throw new IllegalArgumentException("Unsupported type: " + name);
        };
    }
}
