package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.cloudformation.CloudFormationErrors;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Evaluates intrinsic functions (Ref, Fn::*) and condition functions in a template fragment.
 * {@code Ref: AWS::NoValue} evaluates to {@link MissingNode}, and object members and list
 * elements that evaluate to it are dropped, as CloudFormation drops them.
 */
public final class Intrinsics
{
    public static final Set<String> FUNCTIONS = Set.of("Ref", "Fn::GetAtt", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::If",
            "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Fn::FindInMap", "Fn::Base64", "Fn::GetAZs", "Fn::ImportValue", "Fn::Cidr", "Condition");
    static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, JsonNode> parameters;
    private final ObjectNode mappings;
    private final Function<String, Boolean> conditions;
    private final ResourceReferences resources;
    private final String region;

    /**
     * @param parameters parameter values and pseudo parameters (AWS::Region, ...), by name
     * @param conditions the value of a named condition (fails for an unknown name)
     */
    public Intrinsics(Map<String, JsonNode> parameters, ObjectNode mappings, Function<String, Boolean> conditions, ResourceReferences resources, String region)
    {
        this.parameters = Map.copyOf(parameters);
        this.mappings = requireNonNull(mappings, "mappings is null");
        this.conditions = requireNonNull(conditions, "conditions is null");
        this.resources = requireNonNull(resources, "resources is null");
        this.region = requireNonNull(region, "region is null");
    }

    /** Whether the node is a one-member object naming an intrinsic function. */
    public static boolean isFunction(JsonNode node)
    {
        return node.isObject() && node.size() == 1 && FUNCTIONS.contains(node.fieldNames().next());
    }

    /** The node with every intrinsic evaluated; {@link MissingNode} for AWS::NoValue. */
    public JsonNode evaluate(JsonNode node, String path)
    {
        if (isFunction(node)) {
            String name = node.fieldNames().next();
            return function(name, node.get(name), path + "/" + name);
        }
        if (node.isObject()) {
            ObjectNode result = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = evaluate(field.getValue(), path + "/" + field.getKey());
                if (!value.isMissingNode()) {
                    result.set(field.getKey(), value);
                }
            }
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = evaluate(node.get(i), path + "/" + i);
                if (!value.isMissingNode()) {
                    result.add(value);
                }
            }
            return result;
        }
        return node;
    }

    /** Evaluates a condition expression (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition) to a boolean. */
    public boolean condition(JsonNode node, String path)
    {
        JsonNode value = evaluate(node, path);
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        throw CloudFormationErrors.templateFormat("Conditions can only be boolean operations on parameters and other conditions, at " + path);
    }

    private JsonNode function(String name, JsonNode argument, String path)
    {
        return switch (name) {
            case "Ref" -> ref(argument, path);
            case "Fn::GetAtt" -> getAtt(argument, path);
            case "Fn::Join" -> join(argument, path);
            case "Fn::Select" -> select(argument, path);
            case "Fn::Split" -> split(argument, path);
            case "Fn::Sub" -> sub(argument, path);
            case "Fn::If" -> ifFunction(argument, path);
            case "Fn::Equals" -> {
                List<JsonNode> arguments = arguments(argument, 2, 2, name, path);
                yield NODES.booleanNode(text(evaluate(arguments.get(0), path), name, path).equals(text(evaluate(arguments.get(1), path), name, path)));
            }
            case "Fn::And", "Fn::Or" -> {
                List<JsonNode> arguments = arguments(argument, 2, 10, name, path);
                boolean and = name.equals("Fn::And");
                boolean result = and;
                for (int i = 0; i < arguments.size(); i++) {
                    boolean value = condition(arguments.get(i), path + "/" + i);
                    result = and ? result && value : result || value;
                }
                yield NODES.booleanNode(result);
            }
            case "Fn::Not" -> NODES.booleanNode(!condition(arguments(argument, 1, 1, name, path).get(0), path));
            case "Condition" -> NODES.booleanNode(conditions.apply(nameArgument(argument, name, path)));
            case "Fn::FindInMap" -> findInMap(argument, path);
            case "Fn::Base64" -> NODES.textNode(Base64.getEncoder().encodeToString(
                    text(evaluate(argument, path), name, path).getBytes(StandardCharsets.UTF_8)));
            case "Fn::GetAZs" -> {
                String requested = text(evaluate(argument, path), name, path);
                String azRegion = requested.isEmpty() ? region : requested;
                yield NODES.arrayNode().add(azRegion + "a").add(azRegion + "b").add(azRegion + "c");
            }
            case "Fn::ImportValue" -> {
                String exportName = text(evaluate(argument, path), name, path);
                yield NODES.textNode(resources.exportValue(exportName).orElseThrow(() -> CloudFormationErrors.validation(
                        "No export named " + exportName + " found. Rollback requested by user.")));
            }
            case "Fn::Cidr" -> cidr(argument, path);
            default -> throw CloudFormationErrors.templateFormat("Unsupported function " + name + " at " + path);
        };
    }

    private JsonNode ref(JsonNode argument, String path)
    {
        String name = nameArgument(argument, "Ref", path);
        if (name.equals("AWS::NoValue")) {
            return MissingNode.getInstance();
        }
        JsonNode parameter = parameters.get(name);
        if (parameter != null) {
            return parameter;
        }
        return resources.ref(name).orElseThrow(() -> CloudFormationErrors.templateFormat(
                "Unresolved resource dependencies [" + name + "] in the Resources block of the template (at " + path + ")"));
    }

    private JsonNode getAtt(JsonNode argument, String path)
    {
        JsonNode value = argument.isTextual() ? NODES.arrayNode().add(argument.asText().split("\\.", 2)[0])
                .add(argument.asText().contains(".") ? argument.asText().split("\\.", 2)[1] : "") : argument;
        List<JsonNode> arguments = arguments(value, 2, 2, "Fn::GetAtt", path);
        String logicalId = text(arguments.get(0), "Fn::GetAtt", path);
        String attribute = text(evaluate(arguments.get(1), path), "Fn::GetAtt", path);
        return resources.attribute(logicalId, attribute).orElseThrow(() -> CloudFormationErrors.templateFormat(
                "Template error: instance of Fn::GetAtt references undefined resource " + logicalId + " (at " + path + ")"));
    }

    private JsonNode join(JsonNode argument, String path)
    {
        List<JsonNode> arguments = arguments(argument, 2, 2, "Fn::Join", path);
        String delimiter = text(evaluate(arguments.get(0), path), "Fn::Join", path);
        JsonNode list = evaluate(arguments.get(1), path + "/1");
        if (!list.isArray()) {
            throw CloudFormationErrors.templateError("every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings "
                    + "to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined, at " + path);
        }
        List<String> parts = new ArrayList<>();
        list.forEach(element -> parts.add(text(element, "Fn::Join", path)));
        return NODES.textNode(String.join(delimiter, parts));
    }

    private JsonNode select(JsonNode argument, String path)
    {
        List<JsonNode> arguments = arguments(argument, 2, 2, "Fn::Select", path);
        String indexText = text(evaluate(arguments.get(0), path), "Fn::Select", path);
        JsonNode list = evaluate(arguments.get(1), path + "/1");
        int index;
        try {
            index = Integer.parseInt(indexText);
        }
        catch (NumberFormatException e) {
            throw CloudFormationErrors.templateError("Fn::Select requires a numeric index, got '" + indexText + "' at " + path);
        }
        if (!list.isArray()) {
            throw CloudFormationErrors.templateError("Fn::Select requires a list of objects as its second argument, at " + path);
        }
        if (index < 0 || index >= list.size()) {
            throw CloudFormationErrors.templateError("Fn::Select cannot select nonexistent value at index " + index + " (the list has " + list.size()
                    + " elements), at " + path);
        }
        return list.get(index);
    }

    private JsonNode split(JsonNode argument, String path)
    {
        List<JsonNode> arguments = arguments(argument, 2, 2, "Fn::Split", path);
        String delimiter = text(evaluate(arguments.get(0), path), "Fn::Split", path);
        String source = text(evaluate(arguments.get(1), path), "Fn::Split", path);
        if (delimiter.isEmpty()) {
            throw CloudFormationErrors.templateError("Fn::Split requires a non-empty delimiter, at " + path);
        }
        ArrayNode result = NODES.arrayNode();
        int start = 0;
        for (int at = source.indexOf(delimiter); at >= 0; at = source.indexOf(delimiter, start)) {
            result.add(source.substring(start, at));
            start = at + delimiter.length();
        }
        result.add(source.substring(start));
        return result;
    }

    private JsonNode sub(JsonNode argument, String path)
    {
        String template;
        Map<String, JsonNode> variables = new java.util.HashMap<>();
        if (argument.isTextual()) {
            template = argument.asText();
        }
        else {
            List<JsonNode> arguments = arguments(argument, 2, 2, "Fn::Sub", path);
            template = text(arguments.get(0), "Fn::Sub", path);
            if (!arguments.get(1).isObject()) {
                throw CloudFormationErrors.templateError("the second argument of Fn::Sub must be a map of variables, at " + path);
            }
            arguments.get(1).fields().forEachRemaining(entry -> variables.put(entry.getKey(), evaluate(entry.getValue(), path + "/" + entry.getKey())));
        }
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            }
            else if (variables.containsKey(variable)) {
                replacement = text(variables.get(variable), "Fn::Sub", path);
            }
            else if (parameters.containsKey(variable) || !variable.contains(".")) {
                replacement = text(ref(NODES.textNode(variable), path), "Fn::Sub", path);
            }
            else {
                String[] parts = variable.split("\\.", 2);
                replacement = text(getAtt(NODES.arrayNode().add(parts[0]).add(parts[1]), path), "Fn::Sub", path);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return NODES.textNode(result.toString());
    }

    private JsonNode ifFunction(JsonNode argument, String path)
    {
        List<JsonNode> arguments = arguments(argument, 3, 3, "Fn::If", path);
        String condition = text(arguments.get(0), "Fn::If", path);
        return conditions.apply(condition) ? evaluate(arguments.get(1), path + "/1") : evaluate(arguments.get(2), path + "/2");
    }

    private JsonNode findInMap(JsonNode argument, String path)
    {
        List<JsonNode> arguments = arguments(argument, 3, 4, "Fn::FindInMap", path);
        String map = text(evaluate(arguments.get(0), path), "Fn::FindInMap", path);
        String top = text(evaluate(arguments.get(1), path), "Fn::FindInMap", path);
        String second = text(evaluate(arguments.get(2), path), "Fn::FindInMap", path);
        JsonNode value = mappings.path(map).path(top).path(second);
        if (value.isMissingNode()) {
            if (arguments.size() == 4 && arguments.get(3).isObject() && arguments.get(3).has("DefaultValue")) {
                return evaluate(arguments.get(3).get("DefaultValue"), path);
            }
            if (!mappings.has(map)) {
                throw CloudFormationErrors.templateError("Mapping named '" + map + "' is not present in the 'Mappings' section of template (at " + path + ")");
            }
            throw CloudFormationErrors.templateError("Unable to get mapping for " + map + "::" + top + "::" + second + " (at " + path + ")");
        }
        return value;
    }

    private JsonNode cidr(JsonNode argument, String path)
    {
        List<JsonNode> arguments = arguments(argument, 3, 3, "Fn::Cidr", path);
        String block = text(evaluate(arguments.get(0), path), "Fn::Cidr", path);
        int count;
        int hostBits;
        try {
            count = Integer.parseInt(text(evaluate(arguments.get(1), path), "Fn::Cidr", path));
            hostBits = Integer.parseInt(text(evaluate(arguments.get(2), path), "Fn::Cidr", path));
        }
        catch (NumberFormatException e) {
            throw CloudFormationErrors.templateError("Fn::Cidr takes an address block, a count and a number of subnet bits, at " + path);
        }
        Matcher matcher = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})").matcher(block);
        if (!matcher.matches()) {
            throw CloudFormationErrors.templateError("Fn::Cidr needs an IPv4 address block such as 10.0.0.0/16, got '" + block + "' at " + path);
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(matcher.group(i));
            if (octet > 255) {
                throw CloudFormationErrors.templateError("Fn::Cidr: invalid address " + block + " at " + path);
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(matcher.group(5));
        int subnetPrefix = 32 - hostBits;
        if (prefix > 32 || hostBits < 0 || subnetPrefix < prefix || count < 1 || count > 256
                || BigInteger.ONE.shiftLeft(subnetPrefix - prefix).compareTo(BigInteger.valueOf(count)) < 0) {
            throw CloudFormationErrors.templateError("Fn::Cidr cannot make " + count + " subnets of /" + subnetPrefix + " in " + block + " at " + path);
        }
        long base = address & (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        ArrayNode result = NODES.arrayNode();
        for (long i = 0; i < count; i++) {
            long subnet = base + (i << hostBits);
            result.add(((subnet >> 24) & 255) + "." + ((subnet >> 16) & 255) + "." + ((subnet >> 8) & 255) + "." + (subnet & 255) + "/" + subnetPrefix);
        }
        return result;
    }

    private static List<JsonNode> arguments(JsonNode argument, int min, int max, String function, String path)
    {
        if (!argument.isArray() || argument.size() < min || argument.size() > max) {
            String count = min == max ? String.valueOf(min) : min + " to " + max;
            throw CloudFormationErrors.templateError("every " + function + " object requires a list of " + count + " arguments, at " + path);
        }
        List<JsonNode> arguments = new ArrayList<>();
        argument.forEach(arguments::add);
        return arguments;
    }

    private static String nameArgument(JsonNode argument, String function, String path)
    {
        if (!argument.isTextual()) {
            throw CloudFormationErrors.templateError("every " + function + " object requires a single string parameter, at " + path);
        }
        return argument.asText();
    }

    /** The string form of a scalar; lists and maps are not strings. */
    static String text(JsonNode value, String function, String path)
    {
        if (value.isValueNode() && !value.isNull()) {
            return value.asText();
        }
        throw CloudFormationErrors.templateError(function + " expects a string here, got " + (value.isArray() ? "a list" : value.isObject() ? "a map"
                : "nothing") + ", at " + path);
    }

    static Optional<String> functionName(JsonNode node)
    {
        return isFunction(node) ? Optional.of(node.fieldNames().next()) : Optional.empty();
    }
}
