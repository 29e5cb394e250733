package dev.tarn.cloudformation.provider.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** AWS::IAM::InstanceProfile: CreateInstanceProfile and its role. */
public final class InstanceProfileProvider
        implements ResourceProvider
{
    @Override
    public String type()
    {
        return "AWS::IAM::InstanceProfile";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("InstanceProfileName", "Path", "Roles");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("InstanceProfileName", "Path");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of("Arn");
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        String name = request.text("InstanceProfileName").orElseGet(() -> request.generatedName(128, false));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("InstanceProfileName", name);
        request.text("Path").ifPresent(path -> parameters.put("Path", path));
        String arn = Iam.element(Iam.call(request, "CreateInstanceProfile", parameters), "Arn");
        ProvisionedResource profile = new ProvisionedResource(name, Map.of("Arn", arn));
        try {
            for (String role : Iam.strings(request.properties().get("Roles"))) {
                Iam.call(request, "AddRoleToInstanceProfile", Map.of("InstanceProfileName", name, "RoleName", role));
            }
        }
        catch (RuntimeException e) {
            try {
                delete(request, profile);
            }
            catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return profile;
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previous)
    {
        Set<String> roles = Iam.strings(request.properties().get("Roles"));
        Set<String> before = Iam.strings(previous.get("Roles"));
        for (String role : Iam.minus(before, roles)) {
            Iam.callIgnoringMissing(request, "RemoveRoleFromInstanceProfile", Map.of("InstanceProfileName", current.physicalId(), "RoleName", role));
        }
        for (String role : Iam.minus(roles, before)) {
            Iam.call(request, "AddRoleToInstanceProfile", Map.of("InstanceProfileName", current.physicalId(), "RoleName", role));
        }
        return current;
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        for (String role : Iam.strings(request.properties().get("Roles"))) {
            Iam.callIgnoringMissing(request, "RemoveRoleFromInstanceProfile", Map.of("InstanceProfileName", current.physicalId(), "RoleName", role));
        }
        Iam.callIgnoringMissing(request, "DeleteInstanceProfile", Map.of("InstanceProfileName", current.physicalId()));
    }
}
