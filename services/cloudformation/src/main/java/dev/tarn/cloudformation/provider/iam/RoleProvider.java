package dev.tarn.cloudformation.provider.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** AWS::IAM::Role: CreateRole with its trust policy, and its policies. */
public final class RoleProvider
        implements ResourceProvider
{
    private final PrincipalPolicies policies = new PrincipalPolicies("Role");

    @Override
    public String type()
    {
        return "AWS::IAM::Role";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("RoleName", "AssumeRolePolicyDocument", "Path", "ManagedPolicyArns", "Policies", "MaxSessionDuration", "PermissionsBoundary",
                "Description", "Tags");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("RoleName", "Path");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of("Arn", "RoleId");
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        String name = request.text("RoleName").orElseGet(() -> request.generatedName(64, false));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("RoleName", name);
        parameters.put("AssumeRolePolicyDocument", Iam.document(request.node("AssumeRolePolicyDocument").orElseThrow(() ->
                CloudFormationErrors.validation("Property validation failure: [AssumeRolePolicyDocument is required]"))));
        request.text("Path").ifPresent(path -> parameters.put("Path", path));
        request.text("Description").ifPresent(description -> parameters.put("Description", description));
        request.text("MaxSessionDuration").ifPresent(duration -> parameters.put("MaxSessionDuration", duration));
        request.text("PermissionsBoundary").ifPresent(boundary -> parameters.put("PermissionsBoundary", boundary));
        Iam.putTags(parameters, request.properties().get("Tags"));
        String answer = Iam.call(request, "CreateRole", parameters);
        ProvisionedResource role = new ProvisionedResource(name, Map.of("Arn", Iam.element(answer, "Arn"), "RoleId", Iam.element(answer, "RoleId")));
        try {
            policies.apply(request, name, JsonNodeFactory.instance.objectNode());
        }
        catch (RuntimeException e) {
            try {
                delete(request, role);
            }
            catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return role;
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previous)
    {
        String name = current.physicalId();
        if (!request.properties().path("AssumeRolePolicyDocument").equals(previous.path("AssumeRolePolicyDocument"))) {
            Iam.call(request, "UpdateAssumeRolePolicy", Map.of("RoleName", name, "PolicyDocument",
                    Iam.document(request.properties().get("AssumeRolePolicyDocument"))));
        }
        if (!request.properties().path("Description").equals(previous.path("Description"))
                || !request.properties().path("MaxSessionDuration").equals(previous.path("MaxSessionDuration"))) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("RoleName", name);
            parameters.put("Description", request.text("Description").orElse(""));
            request.text("MaxSessionDuration").ifPresent(duration -> parameters.put("MaxSessionDuration", duration));
            Iam.call(request, "UpdateRole", parameters);
        }
        policies.apply(request, name, previous);
        return current;
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        policies.removeAll(request, current.physicalId());
        Iam.callIgnoringMissing(request, "DeleteRole", Map.of("RoleName", current.physicalId()));
    }
}
