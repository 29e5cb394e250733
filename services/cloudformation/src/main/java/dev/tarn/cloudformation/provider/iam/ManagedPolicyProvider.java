package dev.tarn.cloudformation.provider.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;
import dev.tarn.cloudformation.provider.Xml;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AWS::IAM::ManagedPolicy: CreatePolicy and attachments. A changed document becomes a new
 * default version; deleting detaches it everywhere and removes its other versions first, as IAM
 * requires. Its Ref is the policy ARN.
 */
public final class ManagedPolicyProvider
        implements ResourceProvider
{
    private static final Map<String, String> KINDS = Map.of("Users", "User", "Groups", "Group", "Roles", "Role");

    @Override
    public String type()
    {
        return "AWS::IAM::ManagedPolicy";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("ManagedPolicyName", "PolicyDocument", "Path", "Description", "Users", "Groups", "Roles");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("ManagedPolicyName", "Path", "Description");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of("PolicyArn", "PolicyId", "DefaultVersionId", "AttachmentCount");
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("PolicyName", request.text("ManagedPolicyName").orElseGet(() -> request.generatedName(128, false)));
        parameters.put("PolicyDocument", document(request));
        request.text("Path").ifPresent(path -> parameters.put("Path", path));
        request.text("Description").ifPresent(description -> parameters.put("Description", description));
        String answer = Iam.call(request, "CreatePolicy", parameters);
        String arn = Iam.element(answer, "Arn");
        ProvisionedResource policy = new ProvisionedResource(arn, Map.of("PolicyArn", arn, "PolicyId", Iam.element(answer, "PolicyId"),
                "DefaultVersionId", Iam.element(answer, "DefaultVersionId"), "AttachmentCount", "0"));
        try {
            attach(request, arn, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }
        catch (RuntimeException e) {
            try {
                delete(request, policy);
            }
            catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return policy;
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previous)
    {
        String arn = current.physicalId();
        Map<String, String> attributes = new LinkedHashMap<>(current.attributes());
        if (!request.properties().path("PolicyDocument").equals(previous.path("PolicyDocument"))) {
            deleteOldVersions(request, arn);
            String answer = Iam.call(request, "CreatePolicyVersion", Map.of("PolicyArn", arn, "PolicyDocument", document(request), "SetAsDefault", "true"));
            attributes.put("DefaultVersionId", Iam.element(answer, "VersionId"));
        }
        attach(request, arn, previous);
        return new ProvisionedResource(arn, attributes);
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        String arn = current.physicalId();
        KINDS.forEach((property, kind) -> {
            for (String principal : Iam.strings(request.properties().get(property))) {
                Iam.callIgnoringMissing(request, "Detach" + kind + "Policy", Map.of(kind + "Name", principal, "PolicyArn", arn));
            }
        });
        deleteOldVersions(request, arn);
        Iam.callIgnoringMissing(request, "DeletePolicy", Map.of("PolicyArn", arn));
    }

    private static void attach(ResourceRequest request, String arn, JsonNode previous)
    {
        KINDS.forEach((property, kind) -> {
            Set<String> now = Iam.strings(request.properties().get(property));
            Set<String> before = Iam.strings(previous.get(property));
            for (String principal : Iam.minus(before, now)) {
                Iam.callIgnoringMissing(request, "Detach" + kind + "Policy", Map.of(kind + "Name", principal, "PolicyArn", arn));
            }
            for (String principal : Iam.minus(now, before)) {
                Iam.call(request, "Attach" + kind + "Policy", Map.of(kind + "Name", principal, "PolicyArn", arn));
            }
        });
    }

    private static void deleteOldVersions(ResourceRequest request, String arn)
    {
        String versions;
        try {
            versions = Iam.call(request, "ListPolicyVersions", Map.of("PolicyArn", arn));
        }
        catch (dev.tarn.spi.error.AwsException e) {
            if (e.code().equals("NoSuchEntity")) {
                return;
            }
            throw e;
        }
        for (String member : versions.split("<member>")) {
            if (member.contains("<IsDefaultVersion>false</IsDefaultVersion>")) {
                Xml.first(member, "VersionId").ifPresent(version ->
                        Iam.callIgnoringMissing(request, "DeletePolicyVersion", Map.of("PolicyArn", arn, "VersionId", version)));
            }
        }
    }

    private static String document(ResourceRequest request)
    {
        return Iam.document(request.node("PolicyDocument").orElseThrow(() ->
                CloudFormationErrors.validation("Property validation failure: [PolicyDocument is required]")));
    }
}
