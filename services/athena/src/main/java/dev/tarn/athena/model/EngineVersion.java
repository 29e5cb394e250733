package dev.tarn.athena.model;

import java.util.Optional;

/** The engine a work group runs; Tarn has one, named as Athena's current one. */
public record EngineVersion(Optional<String> selectedEngineVersion, Optional<String> effectiveEngineVersion)
{
    public static final String CURRENT = "Athena engine version 3";

    public static EngineVersion current()
    {
        return new EngineVersion(Optional.of("AUTO"), Optional.of(CURRENT));
    }
}
