package dev.tarn.cloudformation.provider.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** AWS::IAM::User: CreateUser, its policies, groups and login profile; everything removed again before DeleteUser. */
public final class UserProvider
        implements ResourceProvider
{
    private final PrincipalPolicies policies = new PrincipalPolicies("User");

    @Override
    public String type()
    {
        return "AWS::IAM::User";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("UserName", "Path", "ManagedPolicyArns", "Policies", "Groups", "LoginProfile", "PermissionsBoundary", "Tags");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("UserName");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of("Arn");
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        String name = request.text("UserName").orElseGet(() -> request.generatedName(64, false));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("UserName", name);
        request.text("Path").ifPresent(path -> parameters.put("Path", path));
        request.text("PermissionsBoundary").ifPresent(boundary -> parameters.put("PermissionsBoundary", boundary));
        Iam.putTags(parameters, request.properties().get("Tags"));
        String arn = Iam.element(Iam.call(request, "CreateUser", parameters), "Arn");
        ProvisionedResource user = new ProvisionedResource(name, Map.of("Arn", arn));
        try {
            configure(request, name, JsonNodeFactory.instance.objectNode());
        }
        catch (RuntimeException e) {
            try {
                delete(request, user);
            }
            catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return user;
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previous)
    {
        if (!request.properties().path("Path").equals(previous.path("Path"))) {
            Iam.call(request, "UpdateUser", Map.of("UserName", current.physicalId(), "NewPath", request.text("Path").orElse("/")));
        }
        configure(request, current.physicalId(), previous);
        return current;
    }

    private void configure(ResourceRequest request, String name, JsonNode previous)
    {
        policies.apply(request, name, previous);
        Set<String> groups = Iam.strings(request.properties().get("Groups"));
        Set<String> groupsBefore = Iam.strings(previous.get("Groups"));
        for (String group : Iam.minus(groupsBefore, groups)) {
            Iam.callIgnoringMissing(request, "RemoveUserFromGroup", Map.of("GroupName", group, "UserName", name));
        }
        for (String group : Iam.minus(groups, groupsBefore)) {
            Iam.call(request, "AddUserToGroup", Map.of("GroupName", group, "UserName", name));
        }
        JsonNode profile = request.properties().path("LoginProfile");
        if (!profile.equals(previous.path("LoginProfile"))) {
            if (profile.isMissingNode()) {
                Iam.callIgnoringMissing(request, "DeleteLoginProfile", Map.of("UserName", name));
            }
            else {
                Map<String, String> parameters = new LinkedHashMap<>();
                parameters.put("UserName", name);
                parameters.put("Password", profile.path("Password").asText());
                parameters.put("PasswordResetRequired", String.valueOf(profile.path("PasswordResetRequired").asText("false").equalsIgnoreCase("true")));
                Iam.call(request, previous.has("LoginProfile") ? "UpdateLoginProfile" : "CreateLoginProfile", parameters);
            }
        }
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        String name = current.physicalId();
        policies.removeAll(request, name);
        for (String group : Iam.strings(request.properties().get("Groups"))) {
            Iam.callIgnoringMissing(request, "RemoveUserFromGroup", Map.of("GroupName", group, "UserName", name));
        }
        Iam.callIgnoringMissing(request, "DeleteLoginProfile", Map.of("UserName", name));
        Iam.callIgnoringMissing(request, "DeleteUser", Map.of("UserName", name));
    }
}
