package dev.tarn.policy;

/**
 * How a resource-based policy's Principal names the caller, weakest first. Within an account the
 * strength decides whether the grant stands on its own ("Policy evaluation logic": a grant to the
 * user or session itself is not limited by other policies, a grant to the role is limited by the
 * boundary and session policies, and Tarn reads a grant to the account as a delegation to the
 * account's identity-based policies).
 */
enum PrincipalMatch
{
    NONE,
    /** The caller's account (account id, root ARN, canonical user id). */
    ACCOUNT,
    /** The role the caller is a session of, or the IAM user who federated the caller. */
    PARENT,
    /** The caller itself, or everyone ({@code "*"}). */
    DIRECT;

    PrincipalMatch strongest(PrincipalMatch other)
    {
        return other.ordinal() > ordinal() ? other : this;
    }
}
