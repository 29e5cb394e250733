package dev.tarn.glue.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

public record Database(String name, Optional<String> description, Optional<String> locationUri, Map<String, String> parameters, Instant createTime,
        Optional<JsonNode> createTableDefaultPermissions, Optional<JsonNode> targetDatabase, String catalogId)
{
    public Database
    {
        requireNonNull(name, "name is null");
        description = description == null ? Optional.empty() : description;
        locationUri = locationUri == null ? Optional.empty() : locationUri;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        requireNonNull(createTime, "createTime is null");
        createTableDefaultPermissions = createTableDefaultPermissions == null ? Optional.empty() : createTableDefaultPermissions;
        targetDatabase = targetDatabase == null ? Optional.empty() : targetDatabase;
        requireNonNull(catalogId, "catalogId is null");
    }
}
