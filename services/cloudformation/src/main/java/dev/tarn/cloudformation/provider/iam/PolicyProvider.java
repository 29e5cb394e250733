package dev.tarn.cloudformation.provider.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;

import java.util.Map;
import java.util.Set;

/** AWS::IAM::Policy: one inline policy put on each of the users, groups and roles it names. */
public final class PolicyProvider
        implements ResourceProvider
{
    private static final Map<String, String> KINDS = Map.of("Users", "User", "Groups", "Group", "Roles", "Role");

    @Override
    public String type()
    {
        return "AWS::IAM::Policy";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("PolicyName", "PolicyDocument", "Users", "Groups", "Roles");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("PolicyName");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of();
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        put(request, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        return new ProvisionedResource(request.generatedName(128, false), Map.of());
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previous)
    {
        String name = Iam.required(request, "PolicyName");
        KINDS.forEach((property, kind) -> {
            for (String principal : Iam.minus(Iam.strings(previous.get(property)), Iam.strings(request.properties().get(property)))) {
                Iam.callIgnoringMissing(request, "Delete" + kind + "Policy", Map.of(kind + "Name", principal, "PolicyName", name));
            }
        });
        put(request, previous);
        return current;
    }

    private static void put(ResourceRequest request, JsonNode previous)
    {
        String name = Iam.required(request, "PolicyName");
        String document = Iam.document(request.node("PolicyDocument").orElseThrow(() ->
                dev.tarn.cloudformation.CloudFormationErrors.validation("Property validation failure: [PolicyDocument is required]")));
        KINDS.forEach((property, kind) -> {
            for (String principal : Iam.strings(request.properties().get(property))) {
                Iam.call(request, "Put" + kind + "Policy", Map.of(kind + "Name", principal, "PolicyName", name, "PolicyDocument", document));
            }
        });
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        String name = Iam.required(request, "PolicyName");
        KINDS.forEach((property, kind) -> {
            for (String principal : Iam.strings(request.properties().get(property))) {
                Iam.callIgnoringMissing(request, "Delete" + kind + "Policy", Map.of(kind + "Name", principal, "PolicyName", name));
            }
        });
    }
}
