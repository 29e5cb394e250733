package dev.tarn.cloudformation.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.template.Template;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A checked template with its parameter values for one stack: what an operation will make the
 * stack be.
 *
 * @param parameterValues values for the intrinsics, parameters and pseudo parameters together
 * @param parameters the parameter values as the API shows them (lists comma-joined)
 * @param order the resources whose condition holds, in creation order
 */
public record StackPlan(Template template, Map<String, JsonNode> parameterValues, Map<String, String> parameters, Set<String> noEcho,
        Map<String, Boolean> conditions, List<String> order, List<String> imports)
{
    public StackPlan
    {
        requireNonNull(template, "template is null");
        parameterValues = Map.copyOf(parameterValues);
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        noEcho = Set.copyOf(noEcho);
        conditions = Map.copyOf(conditions);
        order = List.copyOf(order);
        imports = List.copyOf(imports);
    }
}
