package dev.tarn.cloudformation.provider.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** AWS::IAM::Group: CreateGroup and its policies. */
public final class GroupProvider
        implements ResourceProvider
{
    private final PrincipalPolicies policies = new PrincipalPolicies("Group");

    @Override
    public String type()
    {
        return "AWS::IAM::Group";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("GroupName", "Path", "ManagedPolicyArns", "Policies");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("GroupName");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of("Arn");
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        String name = request.text("GroupName").orElseGet(() -> request.generatedName(128, false));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("GroupName", name);
        request.text("Path").ifPresent(path -> parameters.put("Path", path));
        String arn = Iam.element(Iam.call(request, "CreateGroup", parameters), "Arn");
        ProvisionedResource group = new ProvisionedResource(name, Map.of("Arn", arn));
        try {
            policies.apply(request, name, JsonNodeFactory.instance.objectNode());
        }
        catch (RuntimeException e) {
            try {
                delete(request, group);
            }
            catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return group;
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previous)
    {
        if (!request.properties().path("Path").equals(previous.path("Path"))) {
            Iam.call(request, "UpdateGroup", Map.of("GroupName", current.physicalId(), "NewPath", request.text("Path").orElse("/")));
        }
        policies.apply(request, current.physicalId(), previous);
        return current;
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        policies.removeAll(request, current.physicalId());
        Iam.callIgnoringMissing(request, "DeleteGroup", Map.of("GroupName", current.physicalId()));
    }
}
