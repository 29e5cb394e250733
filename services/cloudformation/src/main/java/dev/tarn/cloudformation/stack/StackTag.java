package dev.tarn.cloudformation.stack;

import static java.util.Objects.requireNonNull;

public record StackTag(String key, String value)
{
    public StackTag
    {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }
}
