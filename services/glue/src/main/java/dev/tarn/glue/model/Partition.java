package dev.tarn.glue.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

public record Partition(List<String> values, String databaseName, String tableName, Instant creationTime, Optional<Instant> lastAccessTime,
        Optional<StorageDescriptor> storageDescriptor, Map<String, String> parameters, Optional<Instant> lastAnalyzedTime, String catalogId)
{
    public Partition
    {
        values = List.copyOf(values);
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(tableName, "tableName is null");
        requireNonNull(creationTime, "creationTime is null");
        lastAccessTime = lastAccessTime == null ? Optional.empty() : lastAccessTime;
        storageDescriptor = storageDescriptor == null ? Optional.empty() : storageDescriptor;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        lastAnalyzedTime = lastAnalyzedTime == null ? Optional.empty() : lastAnalyzedTime;
        requireNonNull(catalogId, "catalogId is null");
    }

    public Partition withoutColumns()
    {
        return new Partition(values, databaseName, tableName, creationTime, lastAccessTime, storageDescriptor.map(sd -> sd.withColumns(List.of())),
                parameters, lastAnalyzedTime, catalogId);
    }
}
