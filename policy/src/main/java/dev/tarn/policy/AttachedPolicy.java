package dev.tarn.policy;

import static java.util.Objects.requireNonNull;

/**
 * A policy as it takes part in an evaluation: the document, and where it came from for
 * MatchedStatements.
 *
 * @param id how the policy is named in results: a managed policy's ARN, an inline policy's name
 */
public record AttachedPolicy(String id, PolicySource source, PolicyDocument document)
{
    public AttachedPolicy
    {
        requireNonNull(id, "id is null");
        requireNonNull(source, "source is null");
        requireNonNull(document, "document is null");
    }
}
