package dev.tarn.athena.engine;

import static java.util.Objects.requireNonNull;

/**
 * A result column as GetQueryResults' ColumnInfo describes it.
 *
 * @param name the column's label
 * @param type Athena's type name: {@code varchar}, {@code integer}, {@code bigint}, {@code double},
 *         {@code decimal}, {@code boolean}, {@code date}, {@code timestamp}, {@code array}, {@code map}, {@code row}, ...
 * @param precision digits (or the length of a varchar); 0 when not applicable
 * @param scale digits after the point; 0 when not applicable
 * @param nullable {@code NULLABLE}, {@code NOT_NULL} or {@code UNKNOWN}
 */
public record ResultColumn(String name, String type, int precision, int scale, String nullable)
{
    public ResultColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(nullable, "nullable is null");
    }
}
