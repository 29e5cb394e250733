package dev.tarn.cloudformation.provider.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;
import dev.tarn.cloudformation.provider.ServiceClient;
import dev.tarn.spi.error.AwsException;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AWS::KMS::Key through KMS's own operations. Deleting the resource schedules the key's deletion
 * (PendingWindowInDays, 30 by default), as CloudFormation does.
 */
public final class KeyProvider
        implements ResourceProvider
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String type()
    {
        return "AWS::KMS::Key";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("Description", "Enabled", "EnableKeyRotation", "KeyPolicy", "KeySpec", "KeyUsage", "MultiRegion", "PendingWindowInDays", "Tags",
                "BypassPolicyLockoutSafetyCheck", "Origin", "RotationPeriodInDays");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("KeySpec", "KeyUsage", "MultiRegion", "Origin");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of("Arn", "KeyId");
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        ServiceClient kms = request.client();
        ObjectNode input = NODES.objectNode();
        request.text("Description").ifPresent(value -> input.put("Description", value));
        request.text("KeyUsage").ifPresent(value -> input.put("KeyUsage", value));
        request.text("KeySpec").ifPresent(value -> input.put("KeySpec", value));
        request.text("Origin").ifPresent(value -> input.put("Origin", value));
        request.text("MultiRegion").ifPresent(value -> input.put("MultiRegion", Boolean.parseBoolean(value)));
        request.text("BypassPolicyLockoutSafetyCheck").ifPresent(value -> input.put("BypassPolicyLockoutSafetyCheck", Boolean.parseBoolean(value)));
        policy(request).ifPresent(policy -> input.put("Policy", policy));
        request.node("Tags").ifPresent(tags -> input.set("Tags", tags(tags)));
        JsonNode metadata = kms.json("kms", "CreateKey", input).path("KeyMetadata");
        String keyId = metadata.path("KeyId").asText();
        try {
            if (request.text("EnableKeyRotation").map(Boolean::parseBoolean).orElse(false)) {
                kms.json("kms", "EnableKeyRotation", keyId(keyId));
            }
            if (!request.text("Enabled").map(Boolean::parseBoolean).orElse(true)) {
                kms.json("kms", "DisableKey", keyId(keyId));
            }
        }
        catch (RuntimeException e) {
            scheduleDeletion(kms, keyId, 7);
            throw e;
        }
        return new ProvisionedResource(keyId, Map.of("KeyId", keyId, "Arn", metadata.path("Arn").asText()));
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previous)
    {
        ServiceClient kms = request.client();
        String keyId = current.physicalId();
        if (changed(request, previous, "Description")) {
            kms.json("kms", "UpdateKeyDescription", keyId(keyId).put("Description", request.text("Description").orElse("")));
        }
        if (changed(request, previous, "KeyPolicy") && policy(request).isPresent()) {
            kms.json("kms", "PutKeyPolicy", keyId(keyId).put("PolicyName", "default").put("Policy", policy(request).get()));
        }
        if (changed(request, previous, "EnableKeyRotation")) {
            boolean rotate = request.text("EnableKeyRotation").map(Boolean::parseBoolean).orElse(false);
            kms.json("kms", rotate ? "EnableKeyRotation" : "DisableKeyRotation", keyId(keyId));
        }
        if (changed(request, previous, "Enabled")) {
            boolean enabled = request.text("Enabled").map(Boolean::parseBoolean).orElse(true);
            kms.json("kms", enabled ? "EnableKey" : "DisableKey", keyId(keyId));
        }
        if (changed(request, previous, "Tags")) {
            ArrayNode keys = NODES.arrayNode();
            previous.path("Tags").forEach(tag -> keys.add(tag.path("Key").asText()));
            if (!keys.isEmpty()) {
                ObjectNode untag = keyId(keyId);
                untag.set("TagKeys", keys);
                kms.json("kms", "UntagResource", untag);
            }
            request.node("Tags").filter(tags -> !tags.isEmpty()).ifPresent(tags -> {
                ObjectNode tag = keyId(keyId);
                tag.set("Tags", tags(tags));
                kms.json("kms", "TagResource", tag);
            });
        }
        return current;
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        int window = request.text("PendingWindowInDays").map(Integer::parseInt).orElse(30);
        scheduleDeletion(request.client(), current.physicalId(), window);
    }

    private static void scheduleDeletion(ServiceClient kms, String keyId, int days)
    {
        try {
            kms.json("kms", "ScheduleKeyDeletion", keyId(keyId).put("PendingWindowInDays", days));
        }
        catch (AwsException e) {
            // a key already pending deletion, or gone, is as deleted as the stack needs it
            if (!e.code().equals("KMSInvalidStateException") && !ServiceClient.isNotFound(e)) {
                throw e;
            }
        }
    }

    private static boolean changed(ResourceRequest request, JsonNode previous, String property)
    {
        return !request.properties().path(property).equals(previous.path(property));
    }

    private static Optional<String> policy(ResourceRequest request)
    {
        return request.node("KeyPolicy").map(policy -> policy.isTextual() ? policy.asText() : policy.toString());
    }

    private static ObjectNode keyId(String keyId)
    {
        return NODES.objectNode().put("KeyId", keyId);
    }

    private static ArrayNode tags(JsonNode tags)
    {
        ArrayNode result = NODES.arrayNode();
        tags.forEach(tag -> result.add(NODES.objectNode().put("TagKey", tag.path("Key").asText()).put("TagValue", tag.path("Value").asText(""))));
        return result;
    }
}
