package dev.tarn.iam.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** An IAM role as stored, with its trust policy (AssumeRolePolicyDocument). */
public record RoleRecord(String accountId, String name, String id, String path, Instant createDate, String trustPolicy,
        Optional<String> description, int maxSessionDuration, List<Tag> tags, Map<String, String> inlinePolicies,
        List<String> attachedPolicies, Optional<String> permissionsBoundary)
        implements PolicyHolder
{
    public RoleRecord
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(path, "path is null");
        requireNonNull(createDate, "createDate is null");
        requireNonNull(trustPolicy, "trustPolicy is null");
        description = description == null ? Optional.empty() : description;
        tags = tags == null ? List.of() : List.copyOf(tags);
        inlinePolicies = inlinePolicies == null ? Map.of() : new TreeMap<>(inlinePolicies);
        attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
        permissionsBoundary = permissionsBoundary == null ? Optional.empty() : permissionsBoundary;
    }

    public String arn()
    {
        return Arns.iam(accountId, "role", path, name);
    }

    public RoleRecord withTrustPolicy(String policy)
    {
        return new RoleRecord(accountId, name, id, path, createDate, policy, description, maxSessionDuration, tags, inlinePolicies, attachedPolicies, permissionsBoundary);
    }

    public RoleRecord withSettings(Optional<String> newDescription, int newMaxSessionDuration)
    {
        return new RoleRecord(accountId, name, id, path, createDate, trustPolicy, newDescription, newMaxSessionDuration, tags, inlinePolicies, attachedPolicies, permissionsBoundary);
    }

    public RoleRecord withTags(List<Tag> newTags)
    {
        return new RoleRecord(accountId, name, id, path, createDate, trustPolicy, description, maxSessionDuration, newTags, inlinePolicies, attachedPolicies, permissionsBoundary);
    }

    public RoleRecord withPolicies(Map<String, String> inline, List<String> attached)
    {
        return new RoleRecord(accountId, name, id, path, createDate, trustPolicy, description, maxSessionDuration, tags, inline, attached, permissionsBoundary);
    }

    public RoleRecord withPermissionsBoundary(Optional<String> boundary)
    {
        return new RoleRecord(accountId, name, id, path, createDate, trustPolicy, description, maxSessionDuration, tags, inlinePolicies, attachedPolicies, boundary);
    }
}
