package dev.tarn.cloudformation.stack;

import static java.util.Objects.requireNonNull;

/** An output a stack exports for other stacks of its account and region to import. */
public record ExportRecord(String name, String value, String stackId, String stackName)
{
    public ExportRecord
    {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        requireNonNull(stackId, "stackId is null");
        requireNonNull(stackName, "stackName is null");
    }
}
