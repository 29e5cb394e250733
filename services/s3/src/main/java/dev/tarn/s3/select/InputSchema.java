package dev.tarn.s3.select;

import java.util.List;
import java.util.Optional;

/**
 * What a query's FROM reads, as the translation needs it: CSV columns (named {@code c1..cN} in
 * DuckDB, with the header's names if the object has one), one JSON document per row (column
 * {@code doc}), or Parquet's own typed columns.
 */
public sealed interface InputSchema
{
    record Csv(int columnCount, List<String> header)
            implements InputSchema
    {
        public Csv
        {
            header = List.copyOf(header);
        }

        /** The 1-based index of the column a header name addresses; unquoted names match case-insensitively. */
        public Optional<Integer> column(String name, boolean quoted)
        {
            for (int i = 0; i < header.size(); i++) {
                if (quoted ? header.get(i).equals(name) : header.get(i).equalsIgnoreCase(name)) {
                    return Optional.of(i + 1);
                }
            }
            return Optional.empty();
        }

        public String name(int column)
        {
            return column <= header.size() ? header.get(column - 1) : "_" + column;
        }
    }

    record Json()
            implements InputSchema {}

    record Parquet()
            implements InputSchema {}
}
