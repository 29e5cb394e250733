package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceProviders;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what can be checked before any parameter value is known: resource types and their
 * properties, that every name a function refers to exists, the arguments of functions, and that
 * resources do not depend on each other in a cycle. Each error names where the mistake is.
 */
public final class TemplateValidator
{
    private final ResourceProviders providers;

    public TemplateValidator(ResourceProviders providers)
    {
        this.providers = providers;
    }

    public void validate(Template template)
    {
        List<String> unknownTypes = template.resources().values().stream()
                .map(ResourceDeclaration::type)
                .filter(type -> providers.provider(type).isEmpty())
                .distinct()
                .toList();
        if (!unknownTypes.isEmpty()) {
            throw CloudFormationErrors.templateFormat("Unrecognized resource types: " + unknownTypes);
        }
        for (ResourceDeclaration resource : template.resources().values()) {
            String where = "Resources/" + resource.logicalId();
            ResourceProvider provider = providers.provider(resource.type()).orElseThrow();
            resource.properties().fieldNames().forEachRemaining(property -> {
                if (!provider.properties().contains(property)) {
                    throw CloudFormationErrors.templateFormat("Unsupported property " + property + " of " + resource.type() + " at " + where
                            + "/Properties/" + property + " (supported: " + provider.properties().stream().sorted().toList() + ")");
                }
            });
            for (String dependency : resource.dependsOn()) {
                if (!template.resources().containsKey(dependency)) {
                    throw CloudFormationErrors.templateFormat("Unresolved resource dependencies [" + dependency + "] in the Resources block of the template"
                            + " (DependsOn of " + resource.logicalId() + ")");
                }
            }
            resource.condition().ifPresent(condition -> checkCondition(template, condition, where + "/Condition"));
            check(template, resource.properties(), where + "/Properties", true);
        }
        template.conditions().forEach((name, expression) -> check(template, expression, "Conditions/" + name, false));
        template.outputs().values().forEach(output -> {
            String where = "Outputs/" + output.key();
            check(template, output.value(), where + "/Value", true);
            output.exportName().ifPresent(name -> check(template, name, where + "/Export/Name", true));
            output.condition().ifPresent(condition -> checkCondition(template, condition, where + "/Condition"));
        });
        DependencyGraph.of(template.resources()).creationOrder();
    }

    private void check(Template template, JsonNode node, String path, boolean resourcesVisible)
    {
        if (node.isObject() && node.size() == 1) {
            String key = node.fieldNames().next();
            if ((key.startsWith("Fn::") || key.equals("Ref")) && !Intrinsics.FUNCTIONS.contains(key)) {
                throw CloudFormationErrors.templateFormat("Encountered unsupported function: " + key + " at " + path);
            }
        }
        if (Intrinsics.isFunction(node)) {
            String function = node.fieldNames().next();
            JsonNode argument = node.get(function);
            String where = path + "/" + function;
            switch (function) {
                case "Ref" -> {
                    if (!argument.isTextual()) {
                        throw CloudFormationErrors.templateError("every Ref object requires a single string parameter, at " + where);
                    }
                    checkName(template, argument.asText(), where, resourcesVisible);
                    return;
                }
                case "Fn::GetAtt" -> {
                    checkGetAtt(template, argument, where, resourcesVisible);
                    return;
                }
                case "Fn::Sub" -> {
                    checkSub(template, argument, where, resourcesVisible);
                    return;
                }
                case "Condition" -> {
                    checkCondition(template, argument.asText(), where);
                    return;
                }
                case "Fn::If" -> {
                    arity(argument, 3, 3, function, where);
                    checkCondition(template, argument.get(0).asText(), where);
                }
                case "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Equals" -> arity(argument, 2, 2, function, where);
                case "Fn::And", "Fn::Or" -> arity(argument, 2, 10, function, where);
                case "Fn::Not" -> arity(argument, 1, 1, function, where);
                case "Fn::Cidr" -> arity(argument, 3, 3, function, where);
                case "Fn::FindInMap" -> {
                    arity(argument, 3, 4, function, where);
                    JsonNode map = argument.get(0);
                    if (map.isTextual() && !template.mappings().has(map.asText())) {
                        throw CloudFormationErrors.templateError("Mapping named '" + map.asText() + "' is not present in the 'Mappings' section of template"
                                + " (at " + where + ")");
                    }
                }
                default -> {
                }
            }
            if (!resourcesVisible && !Set.of("Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Fn::FindInMap", "Fn::If", "Fn::Join", "Fn::Select",
                    "Fn::Split", "Fn::Sub", "Fn::Base64", "Fn::GetAZs").contains(function)) {
                throw CloudFormationErrors.templateFormat("Conditions can only be boolean operations on parameters and other conditions, at " + where);
            }
            checkChildren(template, argument, where, resourcesVisible);
            return;
        }
        checkChildren(template, node, path, resourcesVisible);
    }

    private void checkChildren(Template template, JsonNode node, String path, boolean resourcesVisible)
    {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                check(template, field.getValue(), path + "/" + field.getKey(), resourcesVisible);
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(template, node.get(i), path + "/" + i, resourcesVisible);
            }
        }
    }

    private void checkName(Template template, String name, String where, boolean resourcesVisible)
    {
        if (template.parameters().containsKey(name) || PseudoParameters.NAMES.contains(name)) {
            return;
        }
        if (resourcesVisible && template.resources().containsKey(name)) {
            return;
        }
        throw CloudFormationErrors.templateFormat("Unresolved resource dependencies [" + name + "] in the Resources block of the template (at " + where + ")");
    }

    private void checkGetAtt(Template template, JsonNode argument, String where, boolean resourcesVisible)
    {
        String logicalId;
        JsonNode attribute;
        if (argument.isTextual() && argument.asText().contains(".")) {
            String[] parts = argument.asText().split("\\.", 2);
            logicalId = parts[0];
            attribute = com.fasterxml.jackson.databind.node.TextNode.valueOf(parts[1]);
        }
        else if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual()) {
            logicalId = argument.get(0).asText();
            attribute = argument.get(1);
        }
        else {
            throw CloudFormationErrors.templateError("every Fn::GetAtt object requires two non-empty parameters, at " + where);
        }
        ResourceDeclaration resource = template.resources().get(logicalId);
        if (resource == null || !resourcesVisible) {
            throw CloudFormationErrors.templateFormat("Template error: instance of Fn::GetAtt references undefined resource " + logicalId + " (at " + where + ")");
        }
        if (attribute.isTextual()) {
            ResourceProvider provider = providers.provider(resource.type()).orElseThrow();
            if (!provider.attributes().contains(attribute.asText())) {
                throw CloudFormationErrors.templateError("resource " + logicalId + " of type " + resource.type() + " has no attribute " + attribute.asText()
                        + " (at " + where + "; it has " + provider.attributes().stream().sorted().toList() + ")");
            }
        }
        else {
            check(template, attribute, where + "/1", resourcesVisible);
        }
    }

    private void checkSub(Template template, JsonNode argument, String where, boolean resourcesVisible)
    {
        JsonNode text = argument;
        Set<String> local = new LinkedHashSet<>();
        if (argument.isArray()) {
            arity(argument, 2, 2, "Fn::Sub", where);
            text = argument.get(0);
            if (!argument.get(1).isObject()) {
                throw CloudFormationErrors.templateError("the second argument of Fn::Sub must be a map of variables, at " + where);
            }
            argument.get(1).fieldNames().forEachRemaining(local::add);
            check(template, argument.get(1), where + "/1", resourcesVisible);
        }
        if (!text.isTextual()) {
            throw CloudFormationErrors.templateError("Fn::Sub needs a string, at " + where);
        }
        java.util.regex.Matcher matcher = Intrinsics.SUB_VARIABLE.matcher(text.asText());
        while (matcher.find()) {
            String variable = matcher.group(1);
            if (variable.startsWith("!") || local.contains(variable)) {
                continue;
            }
            if (variable.contains(".") && !variable.contains("::")) {
                String[] parts = variable.split("\\.", 2);
                checkGetAtt(template, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(parts[0]).add(parts[1]), where,
                        resourcesVisible);
            }
            else {
                checkName(template, variable, where, resourcesVisible);
            }
        }
    }

    private static void checkCondition(Template template, String name, String where)
    {
        if (!template.conditions().containsKey(name)) {
            throw CloudFormationErrors.templateFormat("Unresolved condition dependency " + name + " (at " + where + ")");
        }
    }

    private static void arity(JsonNode argument, int min, int max, String function, String where)
    {
        if (!argument.isArray() || argument.size() < min || argument.size() > max) {
            String count = min == max ? String.valueOf(min) : min + " to " + max;
            throw CloudFormationErrors.templateError("every " + function + " object requires a list of " + count + " arguments, at " + where);
        }
    }
}
