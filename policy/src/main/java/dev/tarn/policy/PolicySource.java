package dev.tarn.policy;

/**
 * Where a policy came from, in IAM's words (the PolicySourceType of SimulatePrincipalPolicy's
 * MatchedStatements): a user's or group's or role's inline policy, a managed policy, a resource's
 * policy.
 */
public enum PolicySource
{
    USER("user"),
    GROUP("group"),
    ROLE("role"),
    AWS_MANAGED("aws-managed"),
    USER_MANAGED("user-managed"),
    RESOURCE("resource"),
    NONE("none");

    private final String wireName;

    PolicySource(String wireName)
    {
        this.wireName = wireName;
    }

    public String wireName()
    {
        return wireName;
    }
}
