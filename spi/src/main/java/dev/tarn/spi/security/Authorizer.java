package dev.tarn.spi.security;

/**
 * Decides whether a caller may do something. Every service asks it for every operation, with
 * the IAM action and resource ARN AWS documents for that operation.
 */
@FunctionalInterface
public interface Authorizer
{
    /** Returns normally when allowed; throws AccessDenied (an {@link dev.tarn.spi.error.AwsException}) otherwise. */
    void authorize(RequestContext context, AuthorizationRequest request);
}
