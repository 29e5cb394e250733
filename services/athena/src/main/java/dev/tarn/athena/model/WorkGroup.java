package dev.tarn.athena.model;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A work group as GetWorkGroup returns it, and as it is stored. */
public record WorkGroup(String name, String state, WorkGroupConfiguration configuration, Optional<String> description, Instant creationTime)
{
    public static final String PRIMARY = "primary";
    public static final String ENABLED = "ENABLED";
    public static final String DISABLED = "DISABLED";

    public WorkGroup
    {
        requireNonNull(name, "name is null");
        requireNonNull(state, "state is null");
        requireNonNull(configuration, "configuration is null");
        description = description == null ? Optional.empty() : description;
        requireNonNull(creationTime, "creationTime is null");
    }

    public boolean enabled()
    {
        return ENABLED.equals(state);
    }
}
