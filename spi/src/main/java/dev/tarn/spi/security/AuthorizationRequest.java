package dev.tarn.spi.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One access decision to make: may the caller perform {@code action} (e.g. {@code s3:GetObject})
 * on {@code resourceArn}?
 *
 * @param resourceAccountId the account that owns the resource (cross-account checks need it)
 * @param conditionKeys request-specific condition keys (s3:prefix, s3:x-amz-server-side-encryption, ...)
 * @param resourcePolicy the resource's own policy document (a bucket policy, a KMS key policy), when it has one
 */
public record AuthorizationRequest(String action, String resourceArn, Optional<String> resourceAccountId, Map<String, List<String>> conditionKeys,
        Optional<String> resourcePolicy)
{
    public AuthorizationRequest
    {
        requireNonNull(action, "action is null");
        requireNonNull(resourceArn, "resourceArn is null");
        requireNonNull(resourceAccountId, "resourceAccountId is null");
        conditionKeys = Map.copyOf(conditionKeys);
        requireNonNull(resourcePolicy, "resourcePolicy is null");
    }

    public AuthorizationRequest(String action, String resourceArn, Optional<String> resourceAccountId, Map<String, List<String>> conditionKeys)
    {
        this(action, resourceArn, resourceAccountId, conditionKeys, Optional.empty());
    }

    public static AuthorizationRequest of(String action, String resourceArn, String resourceAccountId)
    {
        return new AuthorizationRequest(action, resourceArn, Optional.of(resourceAccountId), Map.of());
    }

    public AuthorizationRequest withResourcePolicy(Optional<String> policy)
    {
        return new AuthorizationRequest(action, resourceArn, resourceAccountId, conditionKeys, policy);
    }
}
