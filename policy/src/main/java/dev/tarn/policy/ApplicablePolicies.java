package dev.tarn.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The policies that bear on a request: the principal's identity-based policies (its own, its
 * groups', its role's), the resource's policy, the principal's permissions boundary, and the
 * session policies passed when its session was created. A principal's part (all but the
 * resource policy) changes rarely and can be assembled once and cached; {@link
 * #withResourcePolicy} adds the resource's per request.
 */
public record ApplicablePolicies(
        List<AttachedPolicy> identityPolicies,
        Optional<AttachedPolicy> resourcePolicy,
        Optional<AttachedPolicy> permissionsBoundary,
        List<AttachedPolicy> sessionPolicies)
{
    public static final ApplicablePolicies NONE = new ApplicablePolicies(List.of(), Optional.empty(), Optional.empty(), List.of());

    public ApplicablePolicies
    {
        identityPolicies = List.copyOf(identityPolicies);
        requireNonNull(resourcePolicy, "resourcePolicy is null");
        requireNonNull(permissionsBoundary, "permissionsBoundary is null");
        sessionPolicies = List.copyOf(sessionPolicies);
        identityPolicies.forEach(policy -> requireType(policy, PolicyType.IDENTITY, "identity-based policy"));
        resourcePolicy.ifPresent(policy -> requireType(policy, PolicyType.RESOURCE, "resource-based policy"));
        permissionsBoundary.ifPresent(policy -> requireType(policy, PolicyType.IDENTITY, "permissions boundary"));
        sessionPolicies.forEach(policy -> requireType(policy, PolicyType.IDENTITY, "session policy"));
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public ApplicablePolicies withResourcePolicy(AttachedPolicy policy)
    {
        return new ApplicablePolicies(identityPolicies, Optional.of(policy), permissionsBoundary, sessionPolicies);
    }

    private static void requireType(AttachedPolicy policy, PolicyType type, String role)
    {
        if (policy.document().type() != type) {
            throw new IllegalArgumentException("policy " + policy.id() + " is a " + policy.document().type() + " policy and can't be used as " + role);
        }
    }

    public static final class Builder
    {
        private final List<AttachedPolicy> identityPolicies = new ArrayList<>();
        private Optional<AttachedPolicy> resourcePolicy = Optional.empty();
        private Optional<AttachedPolicy> permissionsBoundary = Optional.empty();
        private final List<AttachedPolicy> sessionPolicies = new ArrayList<>();

        private Builder() {}

        public Builder identityPolicy(AttachedPolicy policy)
        {
            identityPolicies.add(requireNonNull(policy, "policy is null"));
            return this;
        }

        public Builder identityPolicies(List<AttachedPolicy> policies)
        {
            policies.forEach(this::identityPolicy);
            return this;
        }

        public Builder resourcePolicy(AttachedPolicy policy)
        {
            resourcePolicy = Optional.of(policy);
            return this;
        }

        public Builder permissionsBoundary(AttachedPolicy policy)
        {
            permissionsBoundary = Optional.of(policy);
            return this;
        }

        public Builder sessionPolicy(AttachedPolicy policy)
        {
            sessionPolicies.add(requireNonNull(policy, "policy is null"));
            return this;
        }

        public ApplicablePolicies build()
        {
            return new ApplicablePolicies(identityPolicies, resourcePolicy, permissionsBoundary, sessionPolicies);
        }
    }
}
