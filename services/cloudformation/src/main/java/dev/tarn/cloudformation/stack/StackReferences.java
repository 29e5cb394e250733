package dev.tarn.cloudformation.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.template.ResourceReferences;
import dev.tarn.cloudformation.template.Template;

import java.util.Optional;

/** Ref and Fn::GetAtt answered from the resources of a stack as they stand. */
final class StackReferences
        implements ResourceReferences
{
    private final StackRecord stack;
    private final Template template;
    private final StackStore store;

    StackReferences(StackRecord stack, Template template, StackStore store)
    {
        this.stack = stack;
        this.template = template;
        this.store = store;
    }

    @Override
    public Optional<JsonNode> ref(String logicalId)
    {
        if (!template.resources().containsKey(logicalId)) {
            return Optional.empty();
        }
        return Optional.of(TextNode.valueOf(existing(logicalId).physicalId().orElseThrow()));
    }

    @Override
    public Optional<JsonNode> attribute(String logicalId, String attribute)
    {
        if (!template.resources().containsKey(logicalId)) {
            return Optional.empty();
        }
        ResourceState resource = existing(logicalId);
        String value = resource.attributes().get(attribute);
        if (value == null) {
            throw CloudFormationErrors.templateError("Attribute '" + attribute + "' does not exist for resource " + logicalId + " (" + resource.type() + ")");
        }
        return Optional.of(TextNode.valueOf(value));
    }

    @Override
    public Optional<String> exportValue(String exportName)
    {
        return store.export(stack.accountId(), stack.region(), exportName).map(ExportRecord::value);
    }

    private ResourceState existing(String logicalId)
    {
        ResourceState resource = stack.resources().get(logicalId);
        if (resource == null || !resource.mayExist()) {
            throw CloudFormationErrors.templateFormat("Unresolved resource dependencies [" + logicalId + "] in the Resources block of the template"
                    + " (the resource is not created: its condition is false or it failed)");
        }
        return resource;
    }
}
