package dev.tarn.glue.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A table as the catalog stores and returns it; {@code versionId} counts its updates from 0. */
public record Table(String name, String databaseName, Optional<String> description, Optional<String> owner, Instant createTime, Instant updateTime,
        Optional<Instant> lastAccessTime, Optional<Instant> lastAnalyzedTime, int retention, Optional<StorageDescriptor> storageDescriptor,
        List<Column> partitionKeys, Optional<String> viewOriginalText, Optional<String> viewExpandedText, Optional<String> tableType,
        Map<String, String> parameters, Optional<String> createdBy, boolean isRegisteredWithLakeFormation, Optional<JsonNode> targetTable,
        String catalogId, String versionId)
{
    public Table
    {
        requireNonNull(name, "name is null");
        requireNonNull(databaseName, "databaseName is null");
        description = description == null ? Optional.empty() : description;
        owner = owner == null ? Optional.empty() : owner;
        requireNonNull(createTime, "createTime is null");
        requireNonNull(updateTime, "updateTime is null");
        lastAccessTime = lastAccessTime == null ? Optional.empty() : lastAccessTime;
        lastAnalyzedTime = lastAnalyzedTime == null ? Optional.empty() : lastAnalyzedTime;
        storageDescriptor = storageDescriptor == null ? Optional.empty() : storageDescriptor;
        partitionKeys = partitionKeys == null ? List.of() : List.copyOf(partitionKeys);
        viewOriginalText = viewOriginalText == null ? Optional.empty() : viewOriginalText;
        viewExpandedText = viewExpandedText == null ? Optional.empty() : viewExpandedText;
        tableType = tableType == null ? Optional.empty() : tableType;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        createdBy = createdBy == null ? Optional.empty() : createdBy;
        targetTable = targetTable == null ? Optional.empty() : targetTable;
        requireNonNull(catalogId, "catalogId is null");
        requireNonNull(versionId, "versionId is null");
    }

    /** The table as {@code input} describes it, keeping identity and creation. */
    public Table updatedBy(TableInput input, Instant now, String newVersionId)
    {
        return new Table(input.name().toLowerCase(Locale.ROOT), databaseName, input.description(), input.owner(), createTime, now,
                input.lastAccessTime(), input.lastAnalyzedTime(), input.retention(), input.storageDescriptor(), input.partitionKeys(),
                input.viewOriginalText(), input.viewExpandedText(), input.tableType(), input.parameters(), createdBy, isRegisteredWithLakeFormation,
                input.targetTable(), catalogId, newVersionId);
    }

    public TableInput asInput()
    {
        return new TableInput(name, description, owner, lastAccessTime, lastAnalyzedTime, retention, storageDescriptor, partitionKeys,
                viewOriginalText, viewExpandedText, tableType, parameters, targetTable);
    }
}
