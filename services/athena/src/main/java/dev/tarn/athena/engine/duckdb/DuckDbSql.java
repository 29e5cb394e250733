package dev.tarn.athena.engine.duckdb;

import java.util.Locale;

/** Quoting for the DuckDB SQL the engine writes itself. */
final class DuckDbSql
{
    private DuckDbSql() {}

    static String identifier(String name)
    {
        return "\"" + name.toLowerCase(Locale.ROOT).replace("\"", "\"\"") + "\"";
    }

    static String string(String value)
    {
        return "'" + value.replace("'", "''") + "'";
    }
}
