package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A parsed template: its sections, in declaration order, with intrinsic functions still
 * unevaluated (in their long form, whatever the template used).
 *
 * @param body the template exactly as submitted (GetTemplate returns it)
 */
public record Template(String body, Optional<String> description, Map<String, ParameterDeclaration> parameters, ObjectNode mappings,
        Map<String, JsonNode> conditions, Map<String, ResourceDeclaration> resources, Map<String, OutputDeclaration> outputs)
{
    public Template
    {
        requireNonNull(body, "body is null");
        requireNonNull(description, "description is null");
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        requireNonNull(mappings, "mappings is null");
        conditions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conditions));
        resources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resources));
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }
}
