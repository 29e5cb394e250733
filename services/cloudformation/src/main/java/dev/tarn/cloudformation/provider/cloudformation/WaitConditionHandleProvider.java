package dev.tarn.cloudformation.provider.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;

import java.util.Map;
import java.util.Set;

/**
 * AWS::CloudFormation::WaitConditionHandle: on AWS its Ref is a presigned URL that signals a
 * wait condition. Tarn has no signal endpoint, so the handle is a name that only identifies it.
 */
public final class WaitConditionHandleProvider
        implements ResourceProvider
{
    @Override
    public String type()
    {
        return "AWS::CloudFormation::WaitConditionHandle";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of();
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of();
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of();
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        return new ProvisionedResource("tarn:waitcondition:" + request.stackId() + "/" + request.logicalId(), Map.of());
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previousProperties)
    {
        return current;
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
    }
}
