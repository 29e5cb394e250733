package dev.tarn.policy;

import dev.tarn.spi.error.CommonErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Decides requests the way AWS's "Policy evaluation logic" describes, for identity-based
 * policies, a resource-based policy, a permissions boundary and session policies (Tarn has no
 * Organizations, so no SCPs or RCPs):
 * <ol>
 * <li>An applicable Deny statement in any of the policies denies (explicit deny).</li>
 * <li>Within one account, the request is allowed when
 *     <ul>
 *     <li>the caller is the account's root user, or</li>
 *     <li>an identity-based policy allows, and the permissions boundary (if any) allows, and a
 *         session policy (if any) allows (a federated user session, made by GetFederationToken,
 *         needs a session policy that allows), or</li>
 *     <li>the resource-based policy allows the caller itself (its user, role session or
 *         federated user ARN, or {@code "*"}); no other policy limits that grant, or</li>
 *     <li>the resource-based policy allows the role the caller is a session of (or the user
 *         who federated it), and the boundary and session policies allow too.</li>
 *     </ul>
 *     A resource-based policy that names only the account delegates to the account's
 *     identity-based policies and grants nothing by itself.</li>
 * <li>Across accounts, both sides must allow: the caller's account (its identity-based
 *     policies with boundary and session policies, or the root user) and the resource-based
 *     policy, which may name the caller, its role or its account. Callers of no account
 *     (anonymous, services, federated identities) need only the resource-based policy.</li>
 * <li>Anything else is denied (implicit deny).</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class PolicyEvaluator
{
    public EvaluationResult evaluate(EvaluationRequest request, ApplicablePolicies policies)
    {
        requireNonNull(request, "request is null");
        requireNonNull(policies, "policies is null");
        RequestPrincipal principal = request.principal();
        boolean hasBoundary = policies.permissionsBoundary().isPresent();

        Matches matches = new Matches();
        for (AttachedPolicy policy : policies.identityPolicies()) {
            scan(policy, PolicyCategory.IDENTITY_BASED, request, hasBoundary, matches);
        }
        policies.permissionsBoundary().ifPresent(policy -> scan(policy, PolicyCategory.PERMISSIONS_BOUNDARY, request, hasBoundary, matches));
        for (AttachedPolicy policy : policies.sessionPolicies()) {
            scan(policy, PolicyCategory.SESSION, request, hasBoundary, matches);
        }
        policies.resourcePolicy().ifPresent(policy -> scan(policy, PolicyCategory.RESOURCE_BASED, request, hasBoundary, matches));

        if (!matches.denies.isEmpty()) {
            return new EvaluationResult(Decision.EXPLICIT_DENY, matches.denies, Optional.of(matches.denies.get(0).category()));
        }

        boolean identityAllows = matches.allows(PolicyCategory.IDENTITY_BASED);
        boolean boundaryAllows = !hasBoundary || matches.allows(PolicyCategory.PERMISSIONS_BOUNDARY);
        // a GetFederationToken session without a session policy has no permissions of its own
        boolean sessionAllows = policies.sessionPolicies().isEmpty()
                ? principal.type() != PrincipalType.FEDERATED_USER
                : matches.allows(PolicyCategory.SESSION);
        boolean identitySide = principal.isRoot() || (identityAllows && boundaryAllows && sessionAllows);
        PrincipalMatch grant = matches.resourceGrant;

        Optional<PolicyCategory> deniedBy;
        if (!request.isCrossAccount()) {
            boolean allowed = identitySide
                    || grant == PrincipalMatch.DIRECT
                    || (grant == PrincipalMatch.PARENT && boundaryAllows && sessionAllows);
            deniedBy = allowed ? Optional.empty() : Optional.of(identitySideDenial(identityAllows, boundaryAllows));
        }
        else if (!principal.type().hasAccount() || identitySide) {
            deniedBy = grant == PrincipalMatch.NONE ? Optional.of(PolicyCategory.RESOURCE_BASED) : Optional.empty();
        }
        else {
            deniedBy = Optional.of(identitySideDenial(identityAllows, boundaryAllows));
        }
        if (deniedBy.isPresent()) {
            return new EvaluationResult(Decision.IMPLICIT_DENY, List.of(), deniedBy);
        }
        return new EvaluationResult(Decision.ALLOWED, matches.allows, Optional.empty());
    }

    /**
     * Evaluates and throws AccessDenied, with AWS's message, unless the request is allowed.
     *
     * @throws dev.tarn.spi.error.AwsException AccessDenied
     */
    public EvaluationResult authorize(EvaluationRequest request, ApplicablePolicies policies)
    {
        EvaluationResult result = evaluate(request, policies);
        if (!result.isAllowed()) {
            throw CommonErrors.ACCESS_DENIED.exception(result.accessDeniedMessage(request));
        }
        return result;
    }

    private static PolicyCategory identitySideDenial(boolean identityAllows, boolean boundaryAllows)
    {
        if (!identityAllows) {
            return PolicyCategory.IDENTITY_BASED;
        }
        return boundaryAllows ? PolicyCategory.SESSION : PolicyCategory.PERMISSIONS_BOUNDARY;
    }

    private static void scan(AttachedPolicy policy, PolicyCategory category, EvaluationRequest request, boolean hasBoundary, Matches matches)
    {
        for (Statement statement : policy.document().statements()) {
            if (!statement.matchesAction(request.lowerCaseAction())) {
                continue;
            }
            PrincipalMatch principalMatch = statement.matchPrincipal(request.principal(), hasBoundary);
            if (principalMatch == PrincipalMatch.NONE || !statement.matchesResourceAndConditions(request)) {
                continue;
            }
            MatchedStatement matched = new MatchedStatement(policy, category, statement);
            if (statement.effect() == Effect.DENY) {
                matches.denies.add(matched);
            }
            else {
                matches.allows.add(matched);
                if (category == PolicyCategory.RESOURCE_BASED) {
                    matches.resourceGrant = matches.resourceGrant.strongest(principalMatch);
                }
            }
        }
    }

    /** What one evaluation found applicable; local to the evaluation. */
    private static final class Matches
    {
        final List<MatchedStatement> denies = new ArrayList<>(2);
        final List<MatchedStatement> allows = new ArrayList<>(4);
        PrincipalMatch resourceGrant = PrincipalMatch.NONE;

        boolean allows(PolicyCategory category)
        {
            for (MatchedStatement allow : allows) {
                if (allow.category() == category) {
                    return true;
                }
            }
            return false;
        }
    }
}
