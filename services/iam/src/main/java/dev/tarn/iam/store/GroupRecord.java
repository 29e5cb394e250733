package dev.tarn.iam.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** An IAM group as stored; its members are kept in a lookup of their own. */
public record GroupRecord(String accountId, String name, String id, String path, Instant createDate,
        Map<String, String> inlinePolicies, List<String> attachedPolicies)
        implements PolicyHolder
{
    public GroupRecord
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(path, "path is null");
        requireNonNull(createDate, "createDate is null");
        inlinePolicies = inlinePolicies == null ? Map.of() : new TreeMap<>(inlinePolicies);
        attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
    }

    public String arn()
    {
        return Arns.iam(accountId, "group", path, name);
    }

    public GroupRecord withName(String newName, String newPath)
    {
        return new GroupRecord(accountId, newName, id, newPath, createDate, inlinePolicies, attachedPolicies);
    }

    public GroupRecord withPolicies(Map<String, String> inline, List<String> attached)
    {
        return new GroupRecord(accountId, name, id, path, createDate, inline, attached);
    }
}
