package dev.tarn.policy;

/**
 * IAM's quotas on policy size ("IAM and AWS STS quotas"), in the characters {@link
 * PolicyDocument#size} counts. The inline quotas apply to the sum of a principal's inline
 * policies.
 */
public final class PolicySizeLimits
{
    public static final int MANAGED_POLICY = 6144;
    public static final int USER_INLINE_POLICIES = 2048;
    public static final int GROUP_INLINE_POLICIES = 5120;
    public static final int ROLE_INLINE_POLICIES = 10240;
    public static final int ROLE_TRUST_POLICY = 2048;
    public static final int SESSION_POLICY = 2048;

    private PolicySizeLimits() {}
}
