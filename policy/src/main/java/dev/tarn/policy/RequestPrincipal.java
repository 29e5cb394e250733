package dev.tarn.policy;

import dev.tarn.spi.security.Caller;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Who makes a request, as the policy language sees it.
 *
 * @param type what kind of principal this is
 * @param accountId the account the principal belongs to; empty for anonymous callers and services
 * @param arn the principal's ARN: {@code arn:aws:iam::123456789012:root}, a user ARN, an
 *        assumed-role session ARN ({@code arn:aws:sts::123456789012:assumed-role/name/session}), a
 *        federated user ARN; the service name for a service; the provider for a federated
 *        identity; {@code anonymous} for an anonymous caller
 * @param userId the unique id (aws:userid): the account id for root, {@code AIDA...} for a user,
 *        {@code AROA...:session} for a role session
 * @param parentArn for a role session the role's ARN (with its path); for a federated user
 *        session the ARN of the IAM user who federated
 * @param tags the principal's tags (aws:PrincipalTag/key); for a role session the role's tags
 *        merged with the session tags
 * @param canonicalUserId the S3 canonical user id of the principal's account, when known
 */
public record RequestPrincipal(
        PrincipalType type,
        Optional<String> accountId,
        String arn,
        Optional<String> userId,
        Optional<String> parentArn,
        Map<String, String> tags,
        Optional<String> canonicalUserId)
{
    public RequestPrincipal
    {
        requireNonNull(type, "type is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(parentArn, "parentArn is null");
        tags = Map.copyOf(tags);
        requireNonNull(canonicalUserId, "canonicalUserId is null");
        if (type.hasAccount() != accountId.isPresent()) {
            throw new IllegalArgumentException(type + (type.hasAccount() ? " needs" : " has no") + " account");
        }
        if (type.isSession() && parentArn.isEmpty()) {
            throw new IllegalArgumentException(type + " needs the ARN of the role or user it is a session of");
        }
    }

    public static RequestPrincipal root(String accountId)
    {
        return new RequestPrincipal(PrincipalType.ROOT, Optional.of(accountId), "arn:aws:iam::" + accountId + ":root",
                Optional.of(accountId), Optional.empty(), Map.of(), Optional.empty());
    }

    public static RequestPrincipal user(String accountId, String userArn, String userId, Map<String, String> tags)
    {
        return new RequestPrincipal(PrincipalType.USER, Optional.of(accountId), userArn, Optional.of(userId),
                Optional.empty(), tags, Optional.empty());
    }

    /**
     * @param sessionArn {@code arn:aws:sts::account:assumed-role/role-name/session-name}
     * @param roleArn {@code arn:aws:iam::account:role/path/role-name}
     * @param userId {@code role-id:session-name}
     */
    public static RequestPrincipal roleSession(String accountId, String sessionArn, String roleArn, String userId, Map<String, String> tags)
    {
        return new RequestPrincipal(PrincipalType.ROLE_SESSION, Optional.of(accountId), sessionArn, Optional.of(userId),
                Optional.of(roleArn), tags, Optional.empty());
    }

    /**
     * A GetFederationToken session.
     *
     * @param federatedUserArn {@code arn:aws:sts::account:federated-user/name}
     * @param federatingUserArn the IAM user who called GetFederationToken
     */
    public static RequestPrincipal federatedUser(String accountId, String federatedUserArn, String federatingUserArn, String userId)
    {
        return new RequestPrincipal(PrincipalType.FEDERATED_USER, Optional.of(accountId), federatedUserArn, Optional.of(userId),
                Optional.of(federatingUserArn), Map.of(), Optional.empty());
    }

    /** An AWS service acting on its own behalf ({@code "Principal": {"Service": name}}). */
    public static RequestPrincipal service(String serviceName)
    {
        return new RequestPrincipal(PrincipalType.SERVICE, Optional.empty(), serviceName, Optional.empty(), Optional.empty(),
                Map.of(), Optional.empty());
    }

    /** A web identity or SAML provider's user before it has assumed a role ({@code "Principal": {"Federated": provider}}). */
    public static RequestPrincipal federatedIdentity(String provider)
    {
        return new RequestPrincipal(PrincipalType.FEDERATED_IDENTITY, Optional.empty(), provider, Optional.empty(),
                Optional.empty(), Map.of(), Optional.empty());
    }

    public static RequestPrincipal anonymous()
    {
        return new RequestPrincipal(PrincipalType.ANONYMOUS, Optional.empty(), "anonymous", Optional.empty(), Optional.empty(),
                Map.of(), Optional.empty());
    }

    /**
     * The principal behind a caller, read from its ARN (the anonymous caller is {@link #anonymous()}). A role session's role ARN
     * is derived without a path ({@code arn:aws:iam::account:role/name}); callers that know the
     * role's path, and tags, should build the principal with {@link #roleSession} instead.
     */
    public static RequestPrincipal fromCaller(Caller caller)
    {
        requireNonNull(caller, "caller is null");
        String arn = caller.arn();
        String account = caller.accountId();
        if (caller.isAnonymous()) {
            return anonymous();
        }
        if (caller.root()) {
            return root(account);
        }
        String[] parts = arn.split(":", 6);
        if (parts.length == 6 && parts[0].equals("arn") && parts[2].equals("sts")) {
            String partition = parts[1];
            String resource = parts[5];
            if (resource.startsWith("assumed-role/") && resource.indexOf('/', "assumed-role/".length()) > 0) {
                String roleName = resource.substring("assumed-role/".length(), resource.indexOf('/', "assumed-role/".length()));
                String roleArn = "arn:" + partition + ":iam::" + account + ":role/" + roleName;
                return roleSession(account, arn, roleArn, caller.userId(), Map.of());
            }
            if (resource.startsWith("federated-user/")) {
                String userName = resource.substring("federated-user/".length());
                return federatedUser(account, arn, "arn:" + partition + ":iam::" + account + ":user/" + userName, caller.userId());
            }
        }
        return user(account, arn, caller.userId(), Map.of());
    }

    public boolean isRoot()
    {
        return type == PrincipalType.ROOT;
    }

    /** The IAM user's friendly name (aws:username): the last part of the user ARN's path. */
    Optional<String> userName()
    {
        if (type != PrincipalType.USER) {
            return Optional.empty();
        }
        return Optional.of(arn.substring(arn.lastIndexOf('/') + 1));
    }

    /** The ARN aws:PrincipalArn reports: the role's for a role session, the principal's own otherwise. */
    Optional<String> principalArnKey()
    {
        return switch (type) {
            case ROOT, USER, FEDERATED_USER -> Optional.of(arn);
            case ROLE_SESSION -> parentArn;
            case SERVICE, FEDERATED_IDENTITY, ANONYMOUS -> Optional.empty();
        };
    }
}
