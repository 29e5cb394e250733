package dev.tarn.iam.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Temporary credentials issued by STS. A role session ({@code roleName} present) acts with the
 * role's policies limited by its session policies; a GetSessionToken session acts as the user (or
 * root) that asked for it.
 *
 * @param callerArn the ARN requests signed with these credentials carry (assumed-role, user or root ARN)
 * @param callerUserId aws:userid: {@code AROA...:session} for a role session, the user's id otherwise
 */
public record SessionRecord(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, String accountId,
        String callerArn, String callerUserId, boolean root, Optional<String> userName, Optional<String> roleName,
        Optional<String> sessionPolicy, List<String> policyArns)
{
    public SessionRecord
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        requireNonNull(expiration, "expiration is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(callerArn, "callerArn is null");
        requireNonNull(callerUserId, "callerUserId is null");
        userName = userName == null ? Optional.empty() : userName;
        roleName = roleName == null ? Optional.empty() : roleName;
        sessionPolicy = sessionPolicy == null ? Optional.empty() : sessionPolicy;
        policyArns = policyArns == null ? List.of() : List.copyOf(policyArns);
    }
}
