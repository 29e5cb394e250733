package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One entry of a template's Outputs section. */
public record OutputDeclaration(String key, JsonNode value, Optional<String> description, Optional<JsonNode> exportName, Optional<String> condition)
{
    public OutputDeclaration
    {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        requireNonNull(description, "description is null");
        requireNonNull(exportName, "exportName is null");
        requireNonNull(condition, "condition is null");
    }
}
