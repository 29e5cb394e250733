package dev.tarn.cloudformation.provider.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;
import dev.tarn.spi.error.AwsException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** AWS::S3::BucketPolicy: PutBucketPolicy and DeleteBucketPolicy on the bucket it names. */
public final class BucketPolicyProvider
        implements ResourceProvider
{
    private static final Map<String, List<String>> POLICY = Map.of("policy", List.of(""));

    @Override
    public String type()
    {
        return "AWS::S3::BucketPolicy";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("Bucket", "PolicyDocument");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("Bucket");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of();
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        String bucket = bucket(request);
        request.client().s3("PUT", bucket, POLICY, policy(request));
        return new ProvisionedResource(request.generatedName(128, false), Map.of("Bucket", bucket));
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previousProperties)
    {
        request.client().s3("PUT", bucket(request), POLICY, policy(request));
        return current;
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        try {
            request.client().s3("DELETE", current.attributes().getOrDefault("Bucket", bucket(request)), POLICY, "");
        }
        catch (AwsException e) {
            if (!e.code().equals("NoSuchBucket") && !e.code().equals("NoSuchBucketPolicy")) {
                throw e;
            }
        }
    }

    private static String bucket(ResourceRequest request)
    {
        return request.text("Bucket").orElseThrow(() -> CloudFormationErrors.validation("Property validation failure: [Bucket is required]"));
    }

    private static String policy(ResourceRequest request)
    {
        JsonNode document = request.node("PolicyDocument")
                .orElseThrow(() -> CloudFormationErrors.validation("Property validation failure: [PolicyDocument is required]"));
        return document.isTextual() ? document.asText() : document.toString();
    }
}
