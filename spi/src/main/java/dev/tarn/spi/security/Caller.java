package dev.tarn.spi.security;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Who made a request, once its signature checked out, or the anonymous caller of an unsigned
 * request (which only services that serve public resources, S3, ever see).
 *
 * @param accountId the 12-digit account the caller belongs to; empty for the anonymous caller
 * @param arn the caller's ARN ({@code arn:aws:iam::123456789012:root} for an account's root user)
 * @param userId the unique id AWS reports as UserId (the account id for root)
 * @param accessKeyId the access key that signed the request
 * @param root whether this is the account's root user
 */
public record Caller(String accountId, String arn, String userId, Optional<String> accessKeyId, boolean root)
{
    public Caller
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
    }

    /** The ARN the anonymous caller goes by (policies can name it only as {@code "*"}). */
    public static final String ANONYMOUS_ARN = "anonymous";

    /** The caller of an unsigned request: no account, no access key. */
    public static Caller anonymous()
    {
        return new Caller("", ANONYMOUS_ARN, ANONYMOUS_ARN, Optional.empty(), false);
    }

    public boolean isAnonymous()
    {
        return accessKeyId.isEmpty() && !root && accountId.isEmpty() && arn.equals(ANONYMOUS_ARN);
    }

    public static Caller root(String accountId, String accessKeyId)
    {
        return new Caller(accountId, "arn:aws:iam::" + accountId + ":root", accountId, Optional.of(accessKeyId), true);
    }
}
