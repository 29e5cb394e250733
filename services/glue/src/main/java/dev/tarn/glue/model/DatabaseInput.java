package dev.tarn.glue.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;

public record DatabaseInput(String name, Optional<String> description, Optional<String> locationUri, Map<String, String> parameters,
        Optional<JsonNode> createTableDefaultPermissions, Optional<JsonNode> targetDatabase)
{
    public DatabaseInput
    {
        description = description == null ? Optional.empty() : description;
        locationUri = locationUri == null ? Optional.empty() : locationUri;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        createTableDefaultPermissions = createTableDefaultPermissions == null ? Optional.empty() : createTableDefaultPermissions;
        targetDatabase = targetDatabase == null ? Optional.empty() : targetDatabase;
    }
}
