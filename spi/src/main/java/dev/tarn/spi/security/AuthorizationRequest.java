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
 */
public record AuthorizationRequest(String action, String resourceArn, Optional<String> resourceAccountId, Map<String, List<String>> conditionKeys)
{
    public AuthorizationRequest
    {
        requireNonNull(action, "action is null");
        requireNonNull(resourceArn, "resourceArn is null");
        requireNonNull(resourceAccountId, "resourceAccountId is null");
        conditionKeys = Map.copyOf(conditionKeys);
    }

    public static AuthorizationRequest of(String action, String resourceArn, String resourceAccountId)
    {
        return new AuthorizationRequest(action, resourceArn, Optional.of(resourceAccountId), Map.of());
    }
}
