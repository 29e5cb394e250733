package dev.tarn.iam;

import dev.tarn.iam.store.GroupRecord;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.InstanceProfileRecord;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.PolicyRecord;
import dev.tarn.iam.store.RoleRecord;
import dev.tarn.iam.store.UserRecord;

import java.util.Optional;

/** Finds named entities, answering NoSuchEntity in IAM's words when they are missing. */
final class Entities
{
    private Entities() {}

    static Optional<UserRecord> findUser(IamReader reader, String accountId, String name)
    {
        return reader.get(Kind.USERS, IamReader.key(accountId, name));
    }

    static UserRecord user(IamReader reader, String accountId, String name)
    {
        return findUser(reader, accountId, name).orElseThrow(() -> IamErrors.noSuchEntity("user", name));
    }

    static GroupRecord group(IamReader reader, String accountId, String name)
    {
        return reader.get(Kind.GROUPS, IamReader.key(accountId, name)).orElseThrow(() -> IamErrors.noSuchEntity("group", name));
    }

    static RoleRecord role(IamReader reader, String accountId, String name)
    {
        return reader.get(Kind.ROLES, IamReader.key(accountId, name)).orElseThrow(() -> IamErrors.noSuchEntity("role", name));
    }

    static InstanceProfileRecord instanceProfile(IamReader reader, String accountId, String name)
    {
        return reader.get(Kind.INSTANCE_PROFILES, IamReader.key(accountId, name))
                .orElseThrow(() -> IamErrors.NO_SUCH_ENTITY.exception("Instance Profile " + name + " cannot be found."));
    }

    /** A customer managed policy by ARN (path included, as IAM requires). */
    static Optional<PolicyRecord> findPolicy(IamReader reader, String arn)
    {
        return dev.tarn.iam.store.Arns.parse(arn, "policy")
                .flatMap(parsed -> reader.get(Kind.POLICIES, IamReader.key(parsed.accountId(), parsed.name())))
                .filter(policy -> policy.arn().equals(arn));
    }

    static PolicyRecord policy(IamReader reader, String arn)
    {
        if (dev.tarn.iam.store.Arns.parse(arn, "policy").isEmpty()) {
            throw IamErrors.INVALID_INPUT.exception("ARN " + arn + " is not valid.");
        }
        return findPolicy(reader, arn).orElseThrow(() -> IamErrors.NO_SUCH_ENTITY.exception("Policy " + arn + " does not exist or is not attachable."));
    }
}
