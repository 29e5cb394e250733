package dev.tarn.policy;

/**
 * What a document is for, which decides the Principal rules: an identity-based policy (managed,
 * inline, permissions boundary, session policy) must not name a principal; a resource-based
 * policy (bucket policy, role trust policy) must name one in every statement.
 */
public enum PolicyType
{
    IDENTITY,
    RESOURCE
}
