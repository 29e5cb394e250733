package dev.tarn.iam;

import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.PolicyHolder;
import dev.tarn.policy.PolicySizeLimits;
import dev.tarn.policy.PolicySource;

import static java.util.Objects.requireNonNull;

/** The three kinds of entity policies attach to, and what differs between them. */
record Holders<T extends PolicyHolder>(String kind, Kind<T> collection, String quotaName, int inlineLimit, PolicySource inlineSource)
{
    static final Holders<dev.tarn.iam.store.UserRecord> USER = new Holders<>("user", Kind.USERS, "PoliciesPerUser", PolicySizeLimits.USER_INLINE_POLICIES, PolicySource.USER);
    static final Holders<dev.tarn.iam.store.GroupRecord> GROUP = new Holders<>("group", Kind.GROUPS, "PoliciesPerGroup", PolicySizeLimits.GROUP_INLINE_POLICIES, PolicySource.GROUP);
    static final Holders<dev.tarn.iam.store.RoleRecord> ROLE = new Holders<>("role", Kind.ROLES, "PoliciesPerRole", PolicySizeLimits.ROLE_INLINE_POLICIES, PolicySource.ROLE);

    /** IAM's default quota of managed policies per user, group or role. */
    static final int MANAGED_POLICIES_PER_HOLDER = 10;

    Holders
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(collection, "collection is null");
    }

    T find(IamReader reader, String accountId, String name)
    {
        Validation.required(kind + "Name", name);
        return reader.get(collection, IamReader.key(accountId, name)).orElseThrow(() -> IamErrors.noSuchEntity(kind, name));
    }

    /** The operation-name word: User, Group, Role. */
    String word()
    {
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }
}
