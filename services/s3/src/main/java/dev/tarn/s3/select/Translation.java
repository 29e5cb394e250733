package dev.tarn.s3.select;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A query as DuckDB SQL over the relation {@code source}, and the output columns it yields, in
 * order. A column holding JSON text is written as JSON; with {@code wholeRecord} the one
 * column is the input record itself (SELECT * over JSON), or the columns are all columns (SELECT * over Parquet).
 */
public record Translation(String sql, List<OutputColumn> columns, boolean selectAll)
{
    public Translation
    {
        requireNonNull(sql, "sql is null");
        columns = List.copyOf(columns);
    }

    /** An output column: its name in JSON output, and whether its values are JSON text (a JSON input's values). */
    public record OutputColumn(String name, boolean json)
    {
        public OutputColumn
        {
            requireNonNull(name, "name is null");
        }
    }
}
