package dev.tarn.policy;

import static java.util.Objects.requireNonNull;

/** A statement that took part in a decision, and the policy it is in. */
public record MatchedStatement(AttachedPolicy policy, PolicyCategory category, Statement statement)
{
    public MatchedStatement
    {
        requireNonNull(policy, "policy is null");
        requireNonNull(category, "category is null");
        requireNonNull(statement, "statement is null");
    }
}
