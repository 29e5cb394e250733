package dev.tarn.athena.model;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A statement prepared in a work group, run by {@code EXECUTE name USING ...}. */
public record PreparedStatement(String statementName, String queryStatement, String workGroupName, Optional<String> description, Instant lastModifiedTime)
{
    public PreparedStatement
    {
        requireNonNull(statementName, "statementName is null");
        requireNonNull(queryStatement, "queryStatement is null");
        requireNonNull(workGroupName, "workGroupName is null");
        description = description == null ? Optional.empty() : description;
        requireNonNull(lastModifiedTime, "lastModifiedTime is null");
    }
}
