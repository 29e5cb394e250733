package dev.tarn.iam.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A customer managed policy with its versions (at most five), kept in one document. */
public record PolicyRecord(String accountId, String name, String id, String path, Optional<String> description, Instant createDate,
        Instant updateDate, String defaultVersionId, List<PolicyVersionRecord> versions, int nextVersion, List<Tag> tags)
{
    public PolicyRecord
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(path, "path is null");
        description = description == null ? Optional.empty() : description;
        requireNonNull(createDate, "createDate is null");
        requireNonNull(updateDate, "updateDate is null");
        requireNonNull(defaultVersionId, "defaultVersionId is null");
        versions = List.copyOf(versions);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public String arn()
    {
        return Arns.iam(accountId, "policy", path, name);
    }

    public PolicyVersionRecord defaultVersion()
    {
        return version(defaultVersionId).orElseThrow();
    }

    public Optional<PolicyVersionRecord> version(String versionId)
    {
        return versions.stream().filter(version -> version.versionId().equals(versionId)).findFirst();
    }

    public PolicyRecord withVersions(List<PolicyVersionRecord> newVersions, String newDefault, int newNext, Instant updated)
    {
        return new PolicyRecord(accountId, name, id, path, description, createDate, updated, newDefault, newVersions, newNext, tags);
    }

    public PolicyRecord withTags(List<Tag> newTags)
    {
        return new PolicyRecord(accountId, name, id, path, description, createDate, updateDate, defaultVersionId, versions, nextVersion, newTags);
    }
}
