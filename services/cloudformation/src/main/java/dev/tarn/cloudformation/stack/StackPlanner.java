package dev.tarn.cloudformation.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.provider.ResourceProviders;
import dev.tarn.cloudformation.template.ConditionValues;
import dev.tarn.cloudformation.template.DependencyGraph;
import dev.tarn.cloudformation.template.ParameterDeclaration;
import dev.tarn.cloudformation.template.ParameterValues;
import dev.tarn.cloudformation.template.PseudoParameters;
import dev.tarn.cloudformation.template.ResourceDeclaration;
import dev.tarn.cloudformation.template.Template;
import dev.tarn.cloudformation.template.TemplateParser;
import dev.tarn.cloudformation.template.TemplateValidator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Everything about a stack operation that can fail before it starts: the template, the
 * parameter values, conditions, the dependency order and the capabilities it needs. Such
 * failures answer the request; nothing is created.
 */
public final class StackPlanner
{
    /** The IAM resources whose name the template may choose, which takes CAPABILITY_NAMED_IAM. */
    public static final Map<String, String> NAMED_IAM = Map.of("AWS::IAM::User", "UserName", "AWS::IAM::Group", "GroupName", "AWS::IAM::Role", "RoleName",
            "AWS::IAM::ManagedPolicy", "ManagedPolicyName", "AWS::IAM::InstanceProfile", "InstanceProfileName");

    private final ResourceProviders providers;
    private final TemplateValidator validator;

    public StackPlanner(ResourceProviders providers)
    {
        this.providers = requireNonNull(providers, "providers is null");
        this.validator = new TemplateValidator(providers);
    }

    public ResourceProviders providers()
    {
        return providers;
    }

    /** Parses and validates a template on its own (ValidateTemplate, GetTemplateSummary). */
    public Template validate(String body)
    {
        Template template = TemplateParser.parse(body);
        validator.validate(template);
        return template;
    }

    public StackPlan plan(String body, Map<String, String> parameters, String stackId, String stackName, String region, String accountId,
            List<String> capabilities)
    {
        Template template = validate(body);
        Map<String, JsonNode> values = new HashMap<>(ParameterValues.resolve(template, parameters));
        Map<String, String> shown = new LinkedHashMap<>();
        Set<String> noEcho = new LinkedHashSet<>();
        for (ParameterDeclaration declaration : template.parameters().values()) {
            JsonNode value = values.get(declaration.name());
            List<String> parts = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(element -> parts.add(element.asText()));
            }
            shown.put(declaration.name(), value.isArray() ? String.join(",", parts) : value.asText());
            if (declaration.noEcho()) {
                noEcho.add(declaration.name());
            }
        }
        values.putAll(PseudoParameters.of(stackId, stackName, region, accountId));
        Map<String, Boolean> conditions = ConditionValues.evaluate(template, values, region);
        List<String> order = DependencyGraph.of(template.resources()).creationOrder().stream()
                .filter(logicalId -> template.resources().get(logicalId).condition().map(conditions::get).orElse(true))
                .toList();
        checkCapabilities(template, order, capabilities);
        Set<String> imports = new LinkedHashSet<>();
        template.resources().values().forEach(resource -> collectImports(resource.properties(), imports));
        template.outputs().values().forEach(output -> collectImports(output.value(), imports));
        return new StackPlan(template, values, shown, noEcho, conditions, order, List.copyOf(imports));
    }

    private static void checkCapabilities(Template template, List<String> order, List<String> capabilities)
    {
        boolean iam = false;
        boolean named = false;
        for (String logicalId : order) {
            ResourceDeclaration resource = template.resources().get(logicalId);
            if (resource.type().startsWith("AWS::IAM::")) {
                iam = true;
                named |= NAMED_IAM.containsKey(resource.type()) && resource.properties().has(NAMED_IAM.get(resource.type()));
            }
        }
        if (named && !capabilities.contains("CAPABILITY_NAMED_IAM")) {
            throw CloudFormationErrors.INSUFFICIENT_CAPABILITIES.exception("Requires capabilities : [CAPABILITY_NAMED_IAM]");
        }
        if (iam && !capabilities.contains("CAPABILITY_IAM") && !capabilities.contains("CAPABILITY_NAMED_IAM")) {
            throw CloudFormationErrors.INSUFFICIENT_CAPABILITIES.exception("Requires capabilities : [CAPABILITY_IAM]");
        }
    }

    private static void collectImports(JsonNode node, Set<String> imports)
    {
        if (node.isObject() && node.size() == 1 && node.has("Fn::ImportValue") && node.get("Fn::ImportValue").isTextual()) {
            imports.add(node.get("Fn::ImportValue").asText());
            return;
        }
        node.forEach(child -> collectImports(child, imports));
    }
}
