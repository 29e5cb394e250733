package dev.tarn.iam.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** An IAM user as stored; group memberships and access keys are kept in lookups of their own. */
public record UserRecord(String accountId, String name, String id, String path, Instant createDate, List<Tag> tags,
        Map<String, String> inlinePolicies, List<String> attachedPolicies, Optional<String> permissionsBoundary,
        Optional<LoginProfileRecord> loginProfile)
        implements PolicyHolder
{
    public UserRecord
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(path, "path is null");
        requireNonNull(createDate, "createDate is null");
        tags = tags == null ? List.of() : List.copyOf(tags);
        inlinePolicies = inlinePolicies == null ? Map.of() : new TreeMap<>(inlinePolicies);
        attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
        permissionsBoundary = permissionsBoundary == null ? Optional.empty() : permissionsBoundary;
        loginProfile = loginProfile == null ? Optional.empty() : loginProfile;
    }

    public String arn()
    {
        return Arns.iam(accountId, "user", path, name);
    }

    public UserRecord withName(String newName, String newPath)
    {
        return new UserRecord(accountId, newName, id, newPath, createDate, tags, inlinePolicies, attachedPolicies, permissionsBoundary, loginProfile);
    }

    public UserRecord withTags(List<Tag> newTags)
    {
        return new UserRecord(accountId, name, id, path, createDate, newTags, inlinePolicies, attachedPolicies, permissionsBoundary, loginProfile);
    }

    public UserRecord withPolicies(Map<String, String> inline, List<String> attached)
    {
        return new UserRecord(accountId, name, id, path, createDate, tags, inline, attached, permissionsBoundary, loginProfile);
    }

    public UserRecord withPermissionsBoundary(Optional<String> boundary)
    {
        return new UserRecord(accountId, name, id, path, createDate, tags, inlinePolicies, attachedPolicies, boundary, loginProfile);
    }

    public UserRecord withLoginProfile(Optional<LoginProfileRecord> profile)
    {
        return new UserRecord(accountId, name, id, path, createDate, tags, inlinePolicies, attachedPolicies, permissionsBoundary, profile);
    }
}
