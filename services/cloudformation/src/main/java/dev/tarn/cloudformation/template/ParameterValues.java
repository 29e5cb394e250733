package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tarn.cloudformation.CloudFormationErrors;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks the values given for a template's parameters against their declarations. */
public final class ParameterValues
{
    private ParameterValues() {}

    /**
     * The value of every declared parameter: the given one or the default. Lists become JSON
     * arrays of strings, everything else a string.
     */
    public static Map<String, JsonNode> resolve(Template template, Map<String, String> given)
    {
        List<String> unknown = given.keySet().stream().filter(name -> !template.parameters().containsKey(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw CloudFormationErrors.validation("Parameters: " + unknown + " do not exist in the template");
        }
        List<String> missing = template.parameters().values().stream()
                .filter(declaration -> !given.containsKey(declaration.name()) && declaration.defaultValue().isEmpty())
                .map(ParameterDeclaration::name)
                .toList();
        if (!missing.isEmpty()) {
            throw CloudFormationErrors.validation("Parameters: " + missing + " must have values");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (ParameterDeclaration declaration : template.parameters().values()) {
            String value = given.containsKey(declaration.name()) ? given.get(declaration.name()) : declaration.defaultValue().orElseThrow();
            values.put(declaration.name(), check(declaration, value));
        }
        return values;
    }

    private static JsonNode check(ParameterDeclaration declaration, String value)
    {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (!declaration.isList()) {
            checkOne(declaration, value);
            return nodes.textNode(value);
        }
        List<String> elements = value.isEmpty() ? List.of() : List.of(value.split(",", -1));
        List<String> trimmed = new ArrayList<>();
        elements.forEach(element -> trimmed.add(declaration.isNumeric() ? element.strip() : element));
        ArrayNode array = nodes.arrayNode();
        for (String element : trimmed) {
            checkOne(declaration, element);
            array.add(element);
        }
        return array;
    }

    private static void checkOne(ParameterDeclaration declaration, String value)
    {
        String name = declaration.name();
        if (!declaration.allowedValues().isEmpty() && !declaration.allowedValues().contains(value)) {
            throw CloudFormationErrors.validation("Parameter '" + name + "' must be one of AllowedValues");
        }
        if (declaration.isNumeric()) {
            BigDecimal number;
            try {
                number = new BigDecimal(value.strip());
            }
            catch (NumberFormatException e) {
                throw CloudFormationErrors.validation("Parameter '" + name + "' must be a number.");
            }
            declaration.minValue().filter(min -> number.compareTo(min) < 0).ifPresent(min -> {
                throw constraint(declaration, "Parameter '" + name + "' must be a number not less than " + min.toPlainString());
            });
            declaration.maxValue().filter(max -> number.compareTo(max) > 0).ifPresent(max -> {
                throw constraint(declaration, "Parameter '" + name + "' must be a number not greater than " + max.toPlainString());
            });
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (declaration.minLength().isPresent() && length < declaration.minLength().getAsInt()) {
            throw constraint(declaration, "Parameter '" + name + "' must contain at least " + declaration.minLength().getAsInt() + " characters");
        }
        if (declaration.maxLength().isPresent() && length > declaration.maxLength().getAsInt()) {
            throw constraint(declaration, "Parameter '" + name + "' must contain at most " + declaration.maxLength().getAsInt() + " characters");
        }
        declaration.allowedPattern().filter(pattern -> !Pattern.compile(pattern).matcher(value).matches()).ifPresent(pattern -> {
            throw constraint(declaration, "Parameter '" + name + "' must match pattern " + pattern);
        });
    }

    private static RuntimeException constraint(ParameterDeclaration declaration, String defaultMessage)
    {
        return CloudFormationErrors.validation("Parameter " + declaration.name() + " failed to satisfy constraint: "
                + declaration.constraintDescription().orElse(defaultMessage));
    }
}
