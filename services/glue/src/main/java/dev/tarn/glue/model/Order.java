package dev.tarn.glue.model;

import static java.util.Objects.requireNonNull;

/** A sort column: 1 ascending, 0 descending. */
public record Order(String column, int sortOrder)
{
    public Order
    {
        requireNonNull(column, "column is null");
    }
}
