package dev.tarn.cloudformation.provider.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;

import java.util.Map;
import java.util.Set;

/**
 * AWS::IAM::AccessKey: CreateAccessKey for a user. Its Ref is the access key id; the secret is
 * the SecretAccessKey attribute, kept with the stack's state as CloudFormation keeps it.
 */
public final class AccessKeyProvider
        implements ResourceProvider
{
    @Override
    public String type()
    {
        return "AWS::IAM::AccessKey";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("UserName", "Status", "Serial");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("UserName", "Serial");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of("SecretAccessKey");
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        String user = Iam.required(request, "UserName");
        String answer = Iam.call(request, "CreateAccessKey", Map.of("UserName", user));
        String keyId = Iam.element(answer, "AccessKeyId");
        ProvisionedResource key = new ProvisionedResource(keyId, Map.of("SecretAccessKey", Iam.element(answer, "SecretAccessKey")));
        if (request.text("Status").filter("Inactive"::equals).isPresent()) {
            try {
                Iam.call(request, "UpdateAccessKey", Map.of("UserName", user, "AccessKeyId", keyId, "Status", "Inactive"));
            }
            catch (RuntimeException e) {
                delete(request, key);
                throw e;
            }
        }
        return key;
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previous)
    {
        Iam.call(request, "UpdateAccessKey", Map.of("UserName", Iam.required(request, "UserName"), "AccessKeyId", current.physicalId(),
                "Status", request.text("Status").orElse("Active")));
        return current;
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        Iam.callIgnoringMissing(request, "DeleteAccessKey", Map.of("UserName", Iam.required(request, "UserName"), "AccessKeyId", current.physicalId()));
    }
}
