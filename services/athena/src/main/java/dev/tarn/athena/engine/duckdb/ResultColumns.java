package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.ResultColumn;
import dev.tarn.athena.engine.sql.SqlType;

/** ColumnInfo of a result column as Athena fills it in (precision of varchar is its maximum length). */
final class ResultColumns
{
    private ResultColumns() {}

    static ResultColumn of(String name, SqlType type)
    {
        int precision = 0;
        int scale = 0;
        if (type instanceof SqlType.Primitive primitive) {
            switch (primitive.name()) {
                case "varchar", "char", "json", "varbinary" -> precision = Integer.MAX_VALUE;
                case "integer" -> precision = 10;
                case "bigint" -> precision = 19;
                case "smallint" -> precision = 5;
                case "tinyint" -> precision = 3;
                case "double" -> precision = 17;
                case "real" -> precision = 24;
                case "decimal" -> {
                    precision = primitive.precision();
                    scale = primitive.scale();
                }
                case "timestamp", "timestamp with time zone" -> scale = 3;
                default -> {
                }
            }
        }
        return new ResultColumn(name, type.athenaName(), precision, scale, "UNKNOWN");
    }
}
