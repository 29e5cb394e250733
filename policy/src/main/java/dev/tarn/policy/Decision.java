package dev.tarn.policy;

/** The outcome of an evaluation, with the EvalDecision name IAM's simulation APIs use. */
public enum Decision
{
    ALLOWED("allowed"),
    EXPLICIT_DENY("explicitDeny"),
    IMPLICIT_DENY("implicitDeny");

    private final String wireName;

    Decision(String wireName)
    {
        this.wireName = wireName;
    }

    public String wireName()
    {
        return wireName;
    }
}
