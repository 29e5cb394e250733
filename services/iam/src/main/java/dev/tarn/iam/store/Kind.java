package dev.tarn.iam.store;

import static java.util.Objects.requireNonNull;

/** A collection of IAM documents and the record type its documents hold. */
public record Kind<T>(String collection, Class<T> type)
{
    public static final Kind<UserRecord> USERS = new Kind<>("iam.users", UserRecord.class);
    public static final Kind<GroupRecord> GROUPS = new Kind<>("iam.groups", GroupRecord.class);
    public static final Kind<RoleRecord> ROLES = new Kind<>("iam.roles", RoleRecord.class);
    public static final Kind<PolicyRecord> POLICIES = new Kind<>("iam.policies", PolicyRecord.class);
    public static final Kind<InstanceProfileRecord> INSTANCE_PROFILES = new Kind<>("iam.instance-profiles", InstanceProfileRecord.class);
    /** id: access key id */
    public static final Kind<AccessKeyRecord> ACCESS_KEYS = new Kind<>("iam.access-keys", AccessKeyRecord.class);
    /** id: access key id */
    public static final Kind<KeyUseRecord> KEY_USE = new Kind<>("iam.access-key-use", KeyUseRecord.class);
    /** id: account/url (host[/path] of the issuer) */
    public static final Kind<OidcProviderRecord> OIDC_PROVIDERS = new Kind<>("iam.oidc-providers", OidcProviderRecord.class);
    /** id: account; body: the account's alias (IAM allows one) */
    public static final Kind<String> ACCOUNT_ALIASES = new Kind<>("iam.account-aliases", String.class);
    /** id: alias; body: the account it names (aliases are unique across accounts) */
    public static final Kind<String> ALIAS_ACCOUNTS = new Kind<>("iam.alias-accounts", String.class);
    /** id: access key id (ASIA...) */
    public static final Kind<SessionRecord> SESSIONS = new Kind<>("iam.sessions", SessionRecord.class);

    /** id: expiration (epoch seconds, 12 digits)/access key id; body: the access key id. Ordered by expiry for purging. */
    public static final Kind<String> SESSION_EXPIRY = new Kind<>("iam.session-expiry", String.class);

    // lookups; each document's body is the display name of what its id ends with
    /** id: account/user/access-key-id */
    public static final Kind<String> USER_KEYS = new Kind<>("iam.user-keys", String.class);
    /** id: account/group/user */
    public static final Kind<String> GROUP_MEMBERS = new Kind<>("iam.group-members", String.class);
    /** id: account/user/group */
    public static final Kind<String> USER_GROUPS = new Kind<>("iam.user-groups", String.class);
    /** id: policy-arn|kind/name with kind user, group or role; body: the entity's name */
    public static final Kind<String> POLICY_ATTACHMENTS = new Kind<>("iam.policy-attachments", String.class);
    /** id: account/role/instance-profile */
    public static final Kind<String> ROLE_PROFILES = new Kind<>("iam.role-instance-profiles", String.class);

    public Kind
    {
        requireNonNull(collection, "collection is null");
        requireNonNull(type, "type is null");
    }
}
