package dev.tarn.athena.model;

import java.util.Optional;

/** The default database and catalog of a query. */
public record QueryExecutionContext(Optional<String> database, Optional<String> catalog)
{
    public QueryExecutionContext
    {
        database = database == null ? Optional.empty() : database;
        catalog = catalog == null ? Optional.empty() : catalog;
    }
}
