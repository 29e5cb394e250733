package dev.tarn.policy;

/** The part a policy plays in one evaluation; it decides how its allows combine with the others. */
public enum PolicyCategory
{
    IDENTITY_BASED("an identity-based policy", "identity-based policy"),
    RESOURCE_BASED("a resource-based policy", "resource-based policy"),
    PERMISSIONS_BOUNDARY("a permissions boundary", "permissions boundary"),
    SESSION("a session policy", "session policy");

    private final String withArticle;
    private final String noun;

    PolicyCategory(String withArticle, String noun)
    {
        this.withArticle = withArticle;
        this.noun = noun;
    }

    /** "an identity-based policy", as AWS's AccessDenied messages say "with an explicit deny in ...". */
    public String withArticle()
    {
        return withArticle;
    }

    /** "identity-based policy", as AWS's AccessDenied messages say "because no ... allows". */
    public String noun()
    {
        return noun;
    }
}
