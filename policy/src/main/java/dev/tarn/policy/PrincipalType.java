package dev.tarn.policy;

import java.util.Optional;

/** The kinds of principal that make requests, with the aws:PrincipalType value AWS reports for each. */
public enum PrincipalType
{
    ROOT("Account", true, false),
    USER("User", true, false),
    ROLE_SESSION("AssumedRole", true, true),
    FEDERATED_USER("FederatedUser", true, true),
    SERVICE(null, false, false),
    FEDERATED_IDENTITY(null, false, false),
    ANONYMOUS("Anonymous", false, false);

    private final String contextValue;
    private final boolean hasAccount;
    private final boolean session;

    PrincipalType(String contextValue, boolean hasAccount, boolean session)
    {
        this.contextValue = contextValue;
        this.hasAccount = hasAccount;
        this.session = session;
    }

    /** The value of aws:PrincipalType, when AWS sets one. */
    public Optional<String> contextValue()
    {
        return Optional.ofNullable(contextValue);
    }

    /** Whether the principal belongs to an account, and so has identity-based policies. */
    public boolean hasAccount()
    {
        return hasAccount;
    }

    /** Whether the principal is a session of a role or user (session policies and a parent ARN apply). */
    public boolean isSession()
    {
        return session;
    }
}
