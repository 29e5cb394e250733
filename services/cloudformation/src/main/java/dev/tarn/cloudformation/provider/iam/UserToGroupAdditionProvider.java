package dev.tarn.cloudformation.provider.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;

import java.util.Map;
import java.util.Set;

/** AWS::IAM::UserToGroupAddition: AddUserToGroup for each user, RemoveUserFromGroup again on delete. */
public final class UserToGroupAdditionProvider
        implements ResourceProvider
{
    @Override
    public String type()
    {
        return "AWS::IAM::UserToGroupAddition";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("GroupName", "Users");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("GroupName");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of();
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        String group = Iam.required(request, "GroupName");
        for (String user : Iam.strings(request.properties().get("Users"))) {
            Iam.call(request, "AddUserToGroup", Map.of("GroupName", group, "UserName", user));
        }
        return new ProvisionedResource(request.generatedName(128, false), Map.of());
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previous)
    {
        String group = Iam.required(request, "GroupName");
        Set<String> users = Iam.strings(request.properties().get("Users"));
        Set<String> before = Iam.strings(previous.get("Users"));
        for (String user : Iam.minus(before, users)) {
            Iam.callIgnoringMissing(request, "RemoveUserFromGroup", Map.of("GroupName", group, "UserName", user));
        }
        for (String user : Iam.minus(users, before)) {
            Iam.call(request, "AddUserToGroup", Map.of("GroupName", group, "UserName", user));
        }
        return current;
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        String group = Iam.required(request, "GroupName");
        for (String user : Iam.strings(request.properties().get("Users"))) {
            Iam.callIgnoringMissing(request, "RemoveUserFromGroup", Map.of("GroupName", group, "UserName", user));
        }
    }
}
