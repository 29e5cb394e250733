package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.store.AccessKeyRecord;
import dev.tarn.iam.store.GroupRecord;
import dev.tarn.iam.store.InstanceProfileRecord;
import dev.tarn.iam.store.PolicyRecord;
import dev.tarn.iam.store.PolicyVersionRecord;
import dev.tarn.iam.store.RoleRecord;
import dev.tarn.iam.store.Tag;
import dev.tarn.iam.store.UserRecord;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** IAM's response shapes, as the IAM API reference names their members. */
public final class Shapes
{
    private Shapes() {}

    /** Policy documents travel URL-encoded in IAM's responses (spaces as %20, which every decoder reads). */
    public static String encodeDocument(String document)
    {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public record PermissionsBoundary(String permissionsBoundaryType, String permissionsBoundaryArn)
    {
        static Optional<PermissionsBoundary> of(Optional<String> arn)
        {
            return arn.map(value -> new PermissionsBoundary("Policy", value));
        }
    }

    public record User(String path, String userName, String userId, String arn, Instant createDate,
            Optional<PermissionsBoundary> permissionsBoundary, Optional<List<Tag>> tags)
    {
        public static User of(UserRecord user)
        {
            return new User(user.path(), user.name(), user.id(), user.arn(), user.createDate(),
                    PermissionsBoundary.of(user.permissionsBoundary()), Optional.of(user.tags()).filter(tags -> !tags.isEmpty()));
        }
    }

    public record Group(String path, String groupName, String groupId, String arn, Instant createDate)
    {
        public static Group of(GroupRecord group)
        {
            return new Group(group.path(), group.name(), group.id(), group.arn(), group.createDate());
        }
    }

    public record Role(String path, String roleName, String roleId, String arn, Instant createDate, String assumeRolePolicyDocument,
            Optional<String> description, int maxSessionDuration, Optional<PermissionsBoundary> permissionsBoundary, Optional<List<Tag>> tags)
    {
        public static Role of(RoleRecord role)
        {
            return new Role(role.path(), role.name(), role.id(), role.arn(), role.createDate(), encodeDocument(role.trustPolicy()),
                    role.description(), role.maxSessionDuration(), PermissionsBoundary.of(role.permissionsBoundary()),
                    Optional.of(role.tags()).filter(tags -> !tags.isEmpty()));
        }
    }

    public record Policy(String policyName, String policyId, String arn, String path, String defaultVersionId, int attachmentCount,
            int permissionsBoundaryUsageCount, @JsonProperty("IsAttachable") boolean isAttachable, Optional<String> description,
            Instant createDate, Instant updateDate, Optional<List<Tag>> tags)
    {
        public static Policy of(PolicyRecord policy, int attachments)
        {
            return new Policy(policy.name(), policy.id(), policy.arn(), policy.path(), policy.defaultVersionId(), attachments, 0, true,
                    policy.description(), policy.createDate(), policy.updateDate(), Optional.of(policy.tags()).filter(tags -> !tags.isEmpty()));
        }
    }

    public record PolicyVersion(Optional<String> document, String versionId, @JsonProperty("IsDefaultVersion") boolean isDefaultVersion,
            Instant createDate)
    {
        public static PolicyVersion of(PolicyRecord policy, PolicyVersionRecord version, boolean withDocument)
        {
            return new PolicyVersion(withDocument ? Optional.of(encodeDocument(version.document())) : Optional.empty(), version.versionId(),
                    version.versionId().equals(policy.defaultVersionId()), version.createDate());
        }
    }

    public record AttachedPolicy(String policyName, String policyArn)
    {
        public static AttachedPolicy of(String arn)
        {
            return new AttachedPolicy(arn.substring(arn.lastIndexOf('/') + 1), arn);
        }
    }

    public record AccessKeyMetadata(String userName, String accessKeyId, String status, Instant createDate)
    {
        public static AccessKeyMetadata of(AccessKeyRecord key)
        {
            return new AccessKeyMetadata(key.userName(), key.accessKeyId(), key.status(), key.createDate());
        }
    }

    public record InstanceProfile(String path, String instanceProfileName, String instanceProfileId, String arn, Instant createDate, List<Role> roles)
    {
        public static InstanceProfile of(InstanceProfileRecord profile, List<RoleRecord> roles)
        {
            return new InstanceProfile(profile.path(), profile.name(), profile.id(), profile.arn(), profile.createDate(),
                    roles.stream().map(Role::of).toList());
        }
    }
}
