package dev.tarn.cloudformation.provider.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.provider.ResourceRequest;

import java.util.Map;
import java.util.Set;

/**
 * The managed (ManagedPolicyArns) and inline (Policies) policies of a user, group or role, kept
 * in step with the template: attached and put on create, the difference applied on update,
 * everything removed before the principal is deleted.
 */
final class PrincipalPolicies
{
    private final String kind;

    /** @param kind User, Group or Role, as IAM's action names spell it */
    PrincipalPolicies(String kind)
    {
        this.kind = kind;
    }

    void apply(ResourceRequest request, String name, JsonNode previous)
    {
        Set<String> managed = Iam.strings(request.properties().get("ManagedPolicyArns"));
        Set<String> managedBefore = Iam.strings(previous.get("ManagedPolicyArns"));
        for (String arn : Iam.minus(managedBefore, managed)) {
            Iam.callIgnoringMissing(request, "Detach" + kind + "Policy", Map.of(kind + "Name", name, "PolicyArn", arn));
        }
        for (String arn : Iam.minus(managed, managedBefore)) {
            Iam.call(request, "Attach" + kind + "Policy", Map.of(kind + "Name", name, "PolicyArn", arn));
        }
        Map<String, String> inline = Iam.inlinePolicies(request.properties().get("Policies"));
        Map<String, String> inlineBefore = Iam.inlinePolicies(previous.get("Policies"));
        for (String policy : Iam.minus(inlineBefore.keySet(), inline.keySet())) {
            Iam.callIgnoringMissing(request, "Delete" + kind + "Policy", Map.of(kind + "Name", name, "PolicyName", policy));
        }
        inline.forEach((policy, document) -> {
            if (!document.equals(inlineBefore.get(policy))) {
                Iam.call(request, "Put" + kind + "Policy", Map.of(kind + "Name", name, "PolicyName", policy, "PolicyDocument", document));
            }
        });
    }

    void removeAll(ResourceRequest request, String name)
    {
        for (String arn : Iam.strings(request.properties().get("ManagedPolicyArns"))) {
            Iam.callIgnoringMissing(request, "Detach" + kind + "Policy", Map.of(kind + "Name", name, "PolicyArn", arn));
        }
        for (String policy : Iam.inlinePolicies(request.properties().get("Policies")).keySet()) {
            Iam.callIgnoringMissing(request, "Delete" + kind + "Policy", Map.of(kind + "Name", name, "PolicyName", policy));
        }
    }
}
