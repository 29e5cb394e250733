package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One entry of a template's Resources section, before any intrinsic is evaluated. */
public record ResourceDeclaration(String logicalId, String type, JsonNode properties, List<String> dependsOn, Optional<String> condition,
        DeletionPolicy deletionPolicy, DeletionPolicy updateReplacePolicy)
{
    public ResourceDeclaration
    {
        requireNonNull(logicalId, "logicalId is null");
        requireNonNull(type, "type is null");
        requireNonNull(properties, "properties is null");
        dependsOn = List.copyOf(dependsOn);
        requireNonNull(condition, "condition is null");
        requireNonNull(deletionPolicy, "deletionPolicy is null");
        requireNonNull(updateReplacePolicy, "updateReplacePolicy is null");
    }
}
