package dev.tarn.iam.store;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** An instance profile: a container for (at most) one role. */
public record InstanceProfileRecord(String accountId, String name, String id, String path, Instant createDate, List<String> roles)
{
    public InstanceProfileRecord
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(path, "path is null");
        requireNonNull(createDate, "createDate is null");
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public String arn()
    {
        return Arns.iam(accountId, "instance-profile", path, name);
    }

    public InstanceProfileRecord withRoles(List<String> newRoles)
    {
        return new InstanceProfileRecord(accountId, name, id, path, createDate, newRoles);
    }
}
