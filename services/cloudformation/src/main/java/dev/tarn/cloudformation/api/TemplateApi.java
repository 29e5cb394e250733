package dev.tarn.cloudformation.api;

import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.api.CloudFormationShapes.GetTemplateInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.GetTemplateOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.GetTemplateSummaryInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.GetTemplateSummaryOutput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ParameterConstraints;
import dev.tarn.cloudformation.api.CloudFormationShapes.TemplateParameter;
import dev.tarn.cloudformation.api.CloudFormationShapes.ValidateTemplateInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ValidateTemplateOutput;
import dev.tarn.cloudformation.stack.ChangeSetRecord;
import dev.tarn.cloudformation.stack.StackPlanner;
import dev.tarn.cloudformation.stack.StackRecord;
import dev.tarn.cloudformation.stack.StackStore;
import dev.tarn.cloudformation.template.ResourceDeclaration;
import dev.tarn.cloudformation.template.Template;
import dev.tarn.spi.security.RequestContext;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** ValidateTemplate, GetTemplate and GetTemplateSummary. */
final class TemplateApi
{
    private final StackApi stacks;
    private final StackStore store;
    private final StackPlanner planner;

    TemplateApi(StackApi stacks, StackStore store, StackPlanner planner)
    {
        this.stacks = requireNonNull(stacks, "stacks is null");
        this.store = requireNonNull(store, "store is null");
        this.planner = requireNonNull(planner, "planner is null");
    }

    ValidateTemplateOutput validateTemplate(RequestContext context, ValidateTemplateInput input)
    {
        stacks.authorize(context, "ValidateTemplate", "*");
        Template template = planner.validate(TemplateSource.body(input.templateBody(), input.templateURL(), stacks.client(context)));
        List<TemplateParameter> parameters = template.parameters().values().stream()
                .map(parameter -> new TemplateParameter(parameter.name(), parameter.defaultValue().orElse(null), parameter.noEcho(),
                        parameter.description().orElse(null)))
                .toList();
        List<String> capabilities = capabilities(template);
        return new ValidateTemplateOutput(parameters, template.description().orElse(null), capabilities,
                capabilities.isEmpty() ? null : "The following resource(s) require capabilities: " + iamTypes(template), List.of());
    }

    GetTemplateOutput getTemplate(RequestContext context, GetTemplateInput input)
    {
        if (input.changeSetName() != null) {
            ChangeSetRecord changeSet = (input.changeSetName().startsWith("arn:") ? store.changeSet(input.changeSetName())
                    : store.find(context.caller().accountId(), context.region(), String.valueOf(input.stackName()))
                    .flatMap(stack -> store.changeSets(stack.accountId(), stack.region()).stream()
                            .filter(candidate -> candidate.stackId().equals(stack.stackId()) && candidate.changeSetName().equals(input.changeSetName()))
                            .findFirst()))
                    .orElseThrow(() -> CloudFormationErrors.CHANGE_SET_NOT_FOUND.exception("ChangeSet [" + input.changeSetName() + "] does not exist"));
            stacks.authorize(context, "GetTemplate", changeSet.stackId());
            return new GetTemplateOutput(changeSet.templateBody(), List.of("Original", "Processed"));
        }
        StackRecord stack = stacks.existing(context, input.stackName());
        stacks.authorize(context, "GetTemplate", stack.stackId());
        return new GetTemplateOutput(stack.templateBody(), List.of("Original", "Processed"));
    }

    GetTemplateSummaryOutput getTemplateSummary(RequestContext context, GetTemplateSummaryInput input)
    {
        String body;
        if (input.stackName() != null) {
            StackRecord stack = stacks.existing(context, input.stackName());
            stacks.authorize(context, "GetTemplateSummary", stack.stackId());
            body = stack.templateBody();
        }
        else {
            stacks.authorize(context, "GetTemplateSummary", "*");
            body = TemplateSource.body(input.templateBody(), input.templateURL(), stacks.client(context));
        }
        Template template = planner.validate(body);
        List<CloudFormationShapes.ParameterDeclaration> parameters = template.parameters().values().stream()
                .map(parameter -> new CloudFormationShapes.ParameterDeclaration(parameter.name(), parameter.defaultValue().orElse(null), parameter.type(),
                        parameter.noEcho(), parameter.description().orElse(null), new ParameterConstraints(parameter.allowedValues())))
                .toList();
        List<String> capabilities = capabilities(template);
        return new GetTemplateSummaryOutput(parameters, template.description().orElse(null), capabilities,
                capabilities.isEmpty() ? null : "The following resource(s) require capabilities: " + iamTypes(template),
                template.resources().values().stream().map(ResourceDeclaration::type).distinct().toList(), "2010-09-09", List.of());
    }

    private static List<String> capabilities(Template template)
    {
        boolean iam = false;
        boolean named = false;
        for (ResourceDeclaration resource : template.resources().values()) {
            if (resource.type().startsWith("AWS::IAM::")) {
                iam = true;
                String nameProperty = StackPlanner.NAMED_IAM.get(resource.type());
                named |= nameProperty != null && resource.properties().has(nameProperty);
            }
        }
        return named ? List.of("CAPABILITY_NAMED_IAM") : iam ? List.of("CAPABILITY_IAM") : List.of();
    }

    private static List<String> iamTypes(Template template)
    {
        return template.resources().values().stream().map(ResourceDeclaration::type).filter(type -> type.startsWith("AWS::IAM::")).distinct().toList();
    }
}
