package dev.tarn.glue.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public record TableInput(String name, Optional<String> description, Optional<String> owner, Optional<Instant> lastAccessTime,
        Optional<Instant> lastAnalyzedTime, int retention, Optional<StorageDescriptor> storageDescriptor, List<Column> partitionKeys,
        Optional<String> viewOriginalText, Optional<String> viewExpandedText, Optional<String> tableType, Map<String, String> parameters,
        Optional<JsonNode> targetTable)
{
    public TableInput
    {
        description = description == null ? Optional.empty() : description;
        owner = owner == null ? Optional.empty() : owner;
        lastAccessTime = lastAccessTime == null ? Optional.empty() : lastAccessTime;
        lastAnalyzedTime = lastAnalyzedTime == null ? Optional.empty() : lastAnalyzedTime;
        storageDescriptor = storageDescriptor == null ? Optional.empty() : storageDescriptor;
        partitionKeys = partitionKeys == null ? List.of() : List.copyOf(partitionKeys);
        viewOriginalText = viewOriginalText == null ? Optional.empty() : viewOriginalText;
        viewExpandedText = viewExpandedText == null ? Optional.empty() : viewExpandedText;
        tableType = tableType == null ? Optional.empty() : tableType;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        targetTable = targetTable == null ? Optional.empty() : targetTable;
    }
}
