package dev.tarn.athena.model;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A saved query. */
public record NamedQuery(String name, Optional<String> description, String database, String queryString, String namedQueryId, String workGroup)
{
    public NamedQuery
    {
        requireNonNull(name, "name is null");
        description = description == null ? Optional.empty() : description;
        requireNonNull(database, "database is null");
        requireNonNull(queryString, "queryString is null");
        requireNonNull(namedQueryId, "namedQueryId is null");
        requireNonNull(workGroup, "workGroup is null");
    }
}
