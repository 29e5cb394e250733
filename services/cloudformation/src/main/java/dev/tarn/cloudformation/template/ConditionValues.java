package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.CloudFormationErrors;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Evaluates a template's Conditions section once parameter values are known. */
public final class ConditionValues
{
    private ConditionValues() {}

    /** Every condition's value, by name; conditions may refer to each other, but not in a cycle. */
    public static Map<String, Boolean> evaluate(Template template, Map<String, JsonNode> parameters, String region)
    {
        Map<String, Boolean> values = new HashMap<>();
        Set<String> evaluating = new HashSet<>();
        ResourceReferences none = new ResourceReferences()
        {
            @Override
            public Optional<JsonNode> ref(String logicalId)
            {
                throw CloudFormationErrors.templateFormat("Conditions can only refer to parameters and other conditions, not to resource " + logicalId);
            }

            @Override
            public Optional<JsonNode> attribute(String logicalId, String attribute)
            {
                throw CloudFormationErrors.templateFormat("Conditions can only refer to parameters and other conditions, not to resource " + logicalId);
            }

            @Override
            public Optional<String> exportValue(String exportName)
            {
                throw CloudFormationErrors.templateFormat("Conditions cannot import values (" + exportName + ")");
            }
        };
        Intrinsics[] intrinsics = new Intrinsics[1];
        java.util.function.Function<String, Boolean> lookup = new java.util.function.Function<>()
        {
            @Override
            public Boolean apply(String name)
            {
                Boolean known = values.get(name);
                if (known != null) {
                    return known;
                }
                JsonNode expression = template.conditions().get(name);
                if (expression == null) {
                    throw CloudFormationErrors.templateFormat("Unresolved condition dependency " + name + " in Fn::If or Condition");
                }
                if (!evaluating.add(name)) {
                    throw CloudFormationErrors.templateFormat("Circular dependency between conditions: " + evaluating);
                }
                boolean value = intrinsics[0].condition(expression, "Conditions/" + name);
                evaluating.remove(name);
                values.put(name, value);
                return value;
            }
        };
        intrinsics[0] = new Intrinsics(parameters, template.mappings(), lookup, none, region);
        Map<String, Boolean> result = new LinkedHashMap<>();
        template.conditions().keySet().forEach(name -> result.put(name, lookup.apply(name)));
        return result;
    }
}
