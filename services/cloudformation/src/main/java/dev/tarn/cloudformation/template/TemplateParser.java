package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.cloudformation.CloudFormationErrors;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns template text (JSON or YAML) into a {@link Template}, checking the shape of every
 * section: what is where, not yet whether names resolve (that is {@link TemplateValidator}).
 */
public final class TemplateParser
{
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings",
            "Conditions", "Transform", "Resources", "Outputs");
    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn", "Condition", "DeletionPolicy",
            "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");
    private static final Set<String> PARAMETER_ATTRIBUTES = Set.of("Type", "Default", "AllowedValues", "AllowedPattern", "MinLength", "MaxLength",
            "MinValue", "MaxValue", "NoEcho", "Description", "ConstraintDescription");
    private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern PARAMETER_TYPE = Pattern.compile("String|Number|CommaDelimitedList|List<Number>|AWS::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9:]+>");

    private TemplateParser() {}

    public static Template parse(String body)
    {
        JsonNode root = read(body);
        if (!root.isObject()) {
            throw CloudFormationErrors.templateFormat("JSON not well-formed. The template must be an object.");
        }
        root.fieldNames().forEachRemaining(section -> {
            if (!SECTIONS.contains(section)) {
                throw CloudFormationErrors.templateFormat("Invalid template property or properties [" + section + "]");
            }
        });
        JsonNode version = root.path("AWSTemplateFormatVersion");
        if (!version.isMissingNode() && !version.asText().equals("2010-09-09")) {
            throw CloudFormationErrors.templateFormat("Unsupported AWSTemplateFormatVersion " + version.asText() + " (only 2010-09-09 exists)");
        }
        if (root.has("Transform")) {
            throw CloudFormationErrors.templateFormat("Transform is not supported");
        }
        Optional<String> description = Optional.ofNullable(root.get("Description")).map(node -> {
            if (!node.isValueNode()) {
                throw CloudFormationErrors.templateFormat("Description must be a string");
            }
            return node.asText();
        });
        ObjectNode mappings = section(root, "Mappings").orElse(JsonNodeFactory.instance.objectNode());
        mappings.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isObject()) {
                throw CloudFormationErrors.templateFormat("Mappings attribute " + entry.getKey() + " must be a map");
            }
        });
        Map<String, JsonNode> conditions = new LinkedHashMap<>();
        section(root, "Conditions").ifPresent(section -> section.fields().forEachRemaining(entry -> conditions.put(entry.getKey(), entry.getValue())));
        return new Template(body, description, parameters(root), mappings, conditions, resources(root), outputs(root));
    }

    private static JsonNode read(String body)
    {
        String text = body.strip();
        if (text.isEmpty()) {
            throw CloudFormationErrors.templateFormat("the template is empty.");
        }
        if (text.startsWith("{")) {
            try {
                return JSON.readTree(text);
            }
            catch (JsonParseException e) {
                throw CloudFormationErrors.templateFormat("JSON not well-formed. (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ") " + e.getOriginalMessage());
            }
            catch (IOException e) {
                throw CloudFormationErrors.templateFormat("JSON not well-formed. " + e.getMessage());
            }
        }
        return YamlTemplateReader.read(body);
    }

    private static Optional<ObjectNode> section(JsonNode root, String name)
    {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw CloudFormationErrors.templateFormat("The " + name + " section must be a map");
        }
        return Optional.of((ObjectNode) node);
    }

    private static Map<String, ParameterDeclaration> parameters(JsonNode root)
    {
        Map<String, ParameterDeclaration> parameters = new LinkedHashMap<>();
        section(root, "Parameters").ifPresent(section -> section.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode node = entry.getValue();
            checkLogicalId(name, "Parameters");
            if (!node.isObject()) {
                throw CloudFormationErrors.templateFormat("Parameter " + name + " must be a map");
            }
            node.fieldNames().forEachRemaining(attribute -> {
                if (!PARAMETER_ATTRIBUTES.contains(attribute)) {
                    throw CloudFormationErrors.templateFormat("Invalid template parameter property '" + attribute + "' of parameter " + name);
                }
            });
            JsonNode type = node.get("Type");
            if (type == null || !type.isTextual()) {
                throw CloudFormationErrors.templateFormat("Every Parameters object must contain a Type member. Parameter " + name + " has none.");
            }
            if (type.asText().startsWith("AWS::SSM::") || type.asText().startsWith("List<AWS::SSM::") || !PARAMETER_TYPE.matcher(type.asText()).matches()) {
                throw CloudFormationErrors.templateFormat("Unrecognized parameter type: " + type.asText() + " (parameter " + name + ")");
            }
            List<String> allowed = new ArrayList<>();
            JsonNode allowedNode = node.get("AllowedValues");
            if (allowedNode != null) {
                if (!allowedNode.isArray()) {
                    throw CloudFormationErrors.templateFormat("AllowedValues of parameter " + name + " must be a list");
                }
                allowedNode.forEach(value -> allowed.add(scalarText(value, "AllowedValues of parameter " + name)));
            }
            Optional<String> pattern = text(node, "AllowedPattern", name);
            pattern.ifPresent(regex -> {
                try {
                    Pattern.compile(regex);
                }
                catch (PatternSyntaxException e) {
                    throw CloudFormationErrors.templateFormat("AllowedPattern of parameter " + name + " is not a valid pattern: " + e.getDescription());
                }
            });
            parameters.put(name, new ParameterDeclaration(name, type.asText(),
                    Optional.ofNullable(node.get("Default")).map(value -> defaultText(value, name)),
                    allowed, pattern, integer(node, "MinLength", name), integer(node, "MaxLength", name),
                    number(node, "MinValue", name), number(node, "MaxValue", name),
                    Optional.ofNullable(node.get("NoEcho")).map(value -> value.asText().equalsIgnoreCase("true")).orElse(false),
                    text(node, "Description", name), text(node, "ConstraintDescription", name)));
        }));
        return parameters;
    }

    private static String defaultText(JsonNode value, String parameter)
    {
        if (value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.forEach(element -> elements.add(scalarText(element, "Default of parameter " + parameter)));
            return String.join(",", elements);
        }
        return scalarText(value, "Default of parameter " + parameter);
    }

    private static Optional<String> text(JsonNode node, String attribute, String parameter)
    {
        return Optional.ofNullable(node.get(attribute)).map(value -> scalarText(value, attribute + " of parameter " + parameter));
    }

    private static OptionalInt integer(JsonNode node, String attribute, String parameter)
    {
        JsonNode value = node.get(attribute);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.asText()));
        }
        catch (NumberFormatException e) {
            throw CloudFormationErrors.templateFormat(attribute + " of parameter " + parameter + " must be an integer");
        }
    }

    private static Optional<BigDecimal> number(JsonNode node, String attribute, String parameter)
    {
        JsonNode value = node.get(attribute);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.asText()));
        }
        catch (NumberFormatException e) {
            throw CloudFormationErrors.templateFormat(attribute + " of parameter " + parameter + " must be a number");
        }
    }

    private static String scalarText(JsonNode value, String what)
    {
        if (!value.isValueNode() || value.isNull()) {
            throw CloudFormationErrors.templateFormat(what + " must be a string");
        }
        return value.asText();
    }

    private static Map<String, ResourceDeclaration> resources(JsonNode root)
    {
        ObjectNode section = section(root, "Resources")
                .filter(node -> node.size() > 0)
                .orElseThrow(() -> CloudFormationErrors.templateFormat("At least one Resources member must be defined."));
        Map<String, ResourceDeclaration> resources = new LinkedHashMap<>();
        section.fields().forEachRemaining(entry -> {
            String logicalId = entry.getKey();
            JsonNode node = entry.getValue();
            checkLogicalId(logicalId, "Resources");
            if (!node.isObject()) {
                throw CloudFormationErrors.templateFormat("Resource " + logicalId + " must be a map");
            }
            node.fieldNames().forEachRemaining(attribute -> {
                if (!RESOURCE_ATTRIBUTES.contains(attribute)) {
                    throw CloudFormationErrors.templateFormat("Invalid template resource property '" + attribute + "' of resource " + logicalId);
                }
            });
            JsonNode type = node.get("Type");
            if (type == null || !type.isTextual()) {
                throw CloudFormationErrors.templateFormat("Every Resources object must contain a Type member. Resource " + logicalId + " has none.");
            }
            JsonNode properties = node.path("Properties");
            if (properties.isMissingNode() || properties.isNull()) {
                properties = JsonNodeFactory.instance.objectNode();
            }
            if (!properties.isObject()) {
                throw CloudFormationErrors.templateFormat("Properties of resource " + logicalId + " must be a map");
            }
            List<String> dependsOn = new ArrayList<>();
            JsonNode depends = node.get("DependsOn");
            if (depends != null) {
                if (depends.isTextual()) {
                    dependsOn.add(depends.asText());
                }
                else if (depends.isArray()) {
                    depends.forEach(element -> dependsOn.add(scalarText(element, "DependsOn of resource " + logicalId)));
                }
                else {
                    throw CloudFormationErrors.templateFormat("DependsOn of resource " + logicalId + " must be a string or a list of strings");
                }
            }
            Optional<String> condition = Optional.ofNullable(node.get("Condition")).map(value -> {
                if (!value.isTextual()) {
                    throw CloudFormationErrors.templateFormat("Condition of resource " + logicalId + " must be the name of a condition");
                }
                return value.asText();
            });
            DeletionPolicy deletion = Optional.ofNullable(node.get("DeletionPolicy"))
                    .map(value -> DeletionPolicy.parse(value.asText(), logicalId)).orElse(DeletionPolicy.DELETE);
            DeletionPolicy replace = Optional.ofNullable(node.get("UpdateReplacePolicy"))
                    .map(value -> DeletionPolicy.parse(value.asText(), logicalId)).orElse(DeletionPolicy.DELETE);
            resources.put(logicalId, new ResourceDeclaration(logicalId, type.asText(), properties, dependsOn, condition, deletion, replace));
        });
        return resources;
    }

    private static Map<String, OutputDeclaration> outputs(JsonNode root)
    {
        Map<String, OutputDeclaration> outputs = new LinkedHashMap<>();
        section(root, "Outputs").ifPresent(section -> section.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            JsonNode node = entry.getValue();
            checkLogicalId(key, "Outputs");
            if (!node.isObject() || !node.has("Value")) {
                throw CloudFormationErrors.templateFormat("Every Outputs member must contain a Value object. Output " + key + " has none.");
            }
            node.fieldNames().forEachRemaining(attribute -> {
                if (!Set.of("Value", "Description", "Export", "Condition").contains(attribute)) {
                    throw CloudFormationErrors.templateFormat("Invalid template output property '" + attribute + "' of output " + key);
                }
            });
            Optional<JsonNode> export = Optional.ofNullable(node.get("Export")).map(value -> {
                if (!value.isObject() || !value.has("Name")) {
                    throw CloudFormationErrors.templateFormat("Export of output " + key + " must be a map with a Name");
                }
                return value.get("Name");
            });
            outputs.put(key, new OutputDeclaration(key, node.get("Value"),
                    Optional.ofNullable(node.get("Description")).map(JsonNode::asText), export,
                    Optional.ofNullable(node.get("Condition")).map(JsonNode::asText)));
        }));
        return outputs;
    }

    private static void checkLogicalId(String name, String section)
    {
        if (!LOGICAL_ID.matcher(name).matches()) {
            throw CloudFormationErrors.templateFormat(section + " name '" + name + "' is non alphanumeric.");
        }
    }
}
