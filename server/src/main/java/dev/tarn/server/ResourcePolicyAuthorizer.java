package dev.tarn.server;

import dev.tarn.policy.ApplicablePolicies;
import dev.tarn.policy.AttachedPolicy;
import dev.tarn.policy.EvaluationRequest;
import dev.tarn.policy.PolicyDocument;
import dev.tarn.policy.PolicyEvaluator;
import dev.tarn.policy.PolicySource;
import dev.tarn.policy.PolicyType;
import dev.tarn.policy.RequestPrincipal;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.RequestContext;

import static java.util.Objects.requireNonNull;

/**
 * Authorizes with the policy engine while the account's root user is the only identity: root
 * may do everything in its own account unless a resource policy denies it explicitly, and any
 * other caller (anonymous, another account) gets what the resource policy (a bucket policy)
 * grants it. The IAM authorizer, which adds identity policies, supersedes it.
 */
final class ResourcePolicyAuthorizer
        implements Authorizer
{
    private final PolicyEvaluator evaluator;

    ResourcePolicyAuthorizer(PolicyEvaluator evaluator)
    {
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
    }

    @Override
    public void authorize(RequestContext context, AuthorizationRequest request)
    {
        ApplicablePolicies policies = request.resourcePolicy()
                .map(json -> ApplicablePolicies.builder()
                        .resourcePolicy(new AttachedPolicy(request.resourceArn(), PolicySource.RESOURCE, PolicyDocument.parse(json, PolicyType.RESOURCE)))
                        .build())
                .orElse(ApplicablePolicies.NONE);
        evaluator.authorize(EvaluationRequest.from(context, request, RequestPrincipal.fromCaller(context.caller())), policies);
    }
}
