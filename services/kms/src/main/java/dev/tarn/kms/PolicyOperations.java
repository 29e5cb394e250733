package dev.tarn.kms;

import dev.tarn.kms.KmsShapes.GetKeyPolicyRequest;
import dev.tarn.kms.KmsShapes.GetKeyPolicyResponse;
import dev.tarn.kms.KmsShapes.ListKeyPoliciesRequest;
import dev.tarn.kms.KmsShapes.ListKeyPoliciesResponse;
import dev.tarn.kms.KmsShapes.PutKeyPolicyRequest;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** GetKeyPolicy, PutKeyPolicy, ListKeyPolicies: every key has one policy, named "default". */
final class PolicyOperations
{
    private final KmsComponents kms;

    PolicyOperations(KmsComponents kms)
    {
        this.kms = requireNonNull(kms, "kms is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("GetKeyPolicy", GetKeyPolicyRequest.class, this::getKeyPolicy));
        registry.operation(new ActionOperation<>("PutKeyPolicy", PutKeyPolicyRequest.class, this::putKeyPolicy));
        registry.operation(new ActionOperation<>("ListKeyPolicies", ListKeyPoliciesRequest.class, this::listKeyPolicies));
    }

    GetKeyPolicyResponse getKeyPolicy(RequestContext context, GetKeyPolicyRequest request)
    {
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "GetKeyPolicy", key);
        KeyPolicies.requireDefaultName(request.policyName());
        return new GetKeyPolicyResponse(key.policy(), KeyPolicies.POLICY_NAME);
    }

    Void putKeyPolicy(RequestContext context, PutKeyPolicyRequest request)
    {
        String policy = KeyPolicies.validate(Keys.required(request.policy(), "policy"));
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "PutKeyPolicy", key);
        KeyPolicies.requireDefaultName(request.policyName());
        // no lockout safety check is made, so BypassPolicyLockoutSafetyCheck changes nothing
        kms.keys().update(key, current -> current.withPolicy(policy));
        return null;
    }

    ListKeyPoliciesResponse listKeyPolicies(RequestContext context, ListKeyPoliciesRequest request)
    {
        Paging.limit(request.limit(), 100);
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "ListKeyPolicies", key);
        return new ListKeyPoliciesResponse(List.of(KeyPolicies.POLICY_NAME), false);
    }
}
