package dev.tarn.cloudformation.provider.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;
import dev.tarn.cloudformation.provider.ServiceClient;
import dev.tarn.spi.error.AwsException;

import java.util.Map;
import java.util.Set;

/** AWS::KMS::Alias: CreateAlias, UpdateAlias (a new target) and DeleteAlias. Its Ref is the alias name. */
public final class AliasProvider
        implements ResourceProvider
{
    @Override
    public String type()
    {
        return "AWS::KMS::Alias";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("AliasName", "TargetKeyId");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("AliasName");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of();
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        String alias = required(request, "AliasName");
        request.client().json("kms", "CreateAlias", JsonNodeFactory.instance.objectNode().put("AliasName", alias).put("TargetKeyId", required(request, "TargetKeyId")));
        return new ProvisionedResource(alias, Map.of());
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previousProperties)
    {
        request.client().json("kms", "UpdateAlias", JsonNodeFactory.instance.objectNode().put("AliasName", current.physicalId())
                .put("TargetKeyId", required(request, "TargetKeyId")));
        return current;
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        try {
            request.client().json("kms", "DeleteAlias", JsonNodeFactory.instance.objectNode().put("AliasName", current.physicalId()));
        }
        catch (AwsException e) {
            if (!ServiceClient.isNotFound(e)) {
                throw e;
            }
        }
    }

    private static String required(ResourceRequest request, String property)
    {
        return request.text(property).orElseThrow(() -> CloudFormationErrors.validation("Property validation failure: [" + property + " is required]"));
    }
}
