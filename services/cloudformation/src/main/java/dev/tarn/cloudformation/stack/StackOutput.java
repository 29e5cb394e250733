package dev.tarn.cloudformation.stack;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

public record StackOutput(String key, String value, Optional<String> description, Optional<String> exportName)
{
    public StackOutput
    {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        requireNonNull(description, "description is null");
        requireNonNull(exportName, "exportName is null");
    }
}
