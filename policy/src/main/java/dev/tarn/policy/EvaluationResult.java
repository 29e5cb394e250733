package dev.tarn.policy;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What an evaluation decided and why.
 *
 * @param matchedStatements for an allow, the Allow statements that matched; for an explicit deny,
 *        the Deny statements that matched (as SimulatePrincipalPolicy reports only those); for an
 *        implicit deny, none
 * @param deniedBy for a deny, the kind of policy that denied: the one with the explicit Deny,
 *        or the one that lacked an Allow
 */
public record EvaluationResult(Decision decision, List<MatchedStatement> matchedStatements, Optional<PolicyCategory> deniedBy)
{
    public EvaluationResult
    {
        requireNonNull(decision, "decision is null");
        matchedStatements = List.copyOf(matchedStatements);
        requireNonNull(deniedBy, "deniedBy is null");
        if ((decision == Decision.ALLOWED) != deniedBy.isEmpty()) {
            throw new IllegalArgumentException("a deny, and only a deny, names what denied: " + decision + " " + deniedBy);
        }
    }

    public boolean isAllowed()
    {
        return decision == Decision.ALLOWED;
    }

    /**
     * The message AWS's AccessDenied errors carry, e.g. "User: arn:aws:iam::111122223333:user/bob
     * is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no
     * identity-based policy allows the s3:GetObject action".
     */
    public String accessDeniedMessage(EvaluationRequest request)
    {
        String head = "User: " + request.principal().arn() + " is not authorized to perform: " + request.action()
                + " on resource: " + request.resourceArn();
        PolicyCategory category = deniedBy.orElseThrow(() -> new IllegalStateException("the request was allowed"));
        if (decision == Decision.EXPLICIT_DENY) {
            return head + " with an explicit deny in " + category.withArticle();
        }
        return head + " because no " + category.noun() + " allows the " + request.action() + " action";
    }
}
