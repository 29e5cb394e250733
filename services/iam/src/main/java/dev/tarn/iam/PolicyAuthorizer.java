package dev.tarn.iam;

import dev.tarn.policy.ApplicablePolicies;
import dev.tarn.policy.AttachedPolicy;
import dev.tarn.policy.EvaluationRequest;
import dev.tarn.policy.EvaluationResult;
import dev.tarn.policy.PolicyEvaluator;
import dev.tarn.policy.PolicySource;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;

import static java.util.Objects.requireNonNull;

/**
 * The authorizer every service asks: the caller's identity-based policies, permissions boundary
 * and session policies (from IAM), the resource's policy (from the request), and the request's
 * global condition keys, decided by the policy engine. The root user of the resource's account
 * is allowed unless a resource policy denies it explicitly.
 */
public final class PolicyAuthorizer
        implements Authorizer
{
    private final PrincipalPolicies principals;
    private final ParsedPolicies parsed;
    private final KeyUsage usage;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    PolicyAuthorizer(PrincipalPolicies principals, ParsedPolicies parsed, KeyUsage usage)
    {
        this.principals = requireNonNull(principals, "principals is null");
        this.parsed = requireNonNull(parsed, "parsed is null");
        this.usage = requireNonNull(usage, "usage is null");
    }

    @Override
    public void authorize(RequestContext context, AuthorizationRequest request)
    {
        Decided decided = evaluate(context, request);
        if (!decided.result().isAllowed()) {
            throw CommonErrors.ACCESS_DENIED.exception(decided.result().accessDeniedMessage(decided.request()));
        }
        Caller caller = context.caller();
        if (!caller.root()) {
            caller.accessKeyId()
                    .filter(key -> key.startsWith("AKIA"))
                    .ifPresent(key -> usage.used(key, service(request.action()), context));
        }
    }

    record Decided(EvaluationRequest request, EvaluationResult result) {}

    /** The engine's decision with its reasons, for callers that need more than allow or deny (AssumeRole's trust check). */
    Decided evaluate(RequestContext context, AuthorizationRequest request)
    {
        PrincipalPolicies.Principal principal = principals.of(context.caller());
        ApplicablePolicies policies = principal.policies();
        if (request.resourcePolicy().isPresent()) {
            policies = policies.withResourcePolicy(new AttachedPolicy("resource policy", PolicySource.RESOURCE, parsed.resource(request.resourcePolicy().get())));
        }
        EvaluationRequest evaluation = EvaluationRequest.from(context, request, principal.principal());
        return new Decided(evaluation, evaluator.evaluate(evaluation, policies));
    }

    /** A principal without identity policies (a web identity) against a role's trust policy alone. */
    EvaluationResult evaluateTrust(EvaluationRequest request, String trustPolicy)
    {
        ApplicablePolicies policies = ApplicablePolicies.NONE.withResourcePolicy(
                new AttachedPolicy("trust policy", PolicySource.RESOURCE, parsed.resource(trustPolicy)));
        return evaluator.evaluate(request, policies);
    }

    private static String service(String action)
    {
        int colon = action.indexOf(':');
        return colon < 0 ? action : action.substring(0, colon);
    }
}
