package dev.tarn.glue.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public record PartitionInput(List<String> values, Optional<Instant> lastAccessTime, Optional<StorageDescriptor> storageDescriptor,
        Map<String, String> parameters, Optional<Instant> lastAnalyzedTime)
{
    public PartitionInput
    {
        values = values == null ? List.of() : List.copyOf(values);
        lastAccessTime = lastAccessTime == null ? Optional.empty() : lastAccessTime;
        storageDescriptor = storageDescriptor == null ? Optional.empty() : storageDescriptor;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        lastAnalyzedTime = lastAnalyzedTime == null ? Optional.empty() : lastAnalyzedTime;
    }
}
