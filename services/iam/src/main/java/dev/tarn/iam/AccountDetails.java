package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.Shapes.AttachedPolicy;
import dev.tarn.iam.Shapes.PermissionsBoundary;
import dev.tarn.iam.Shapes.PolicyVersion;
import dev.tarn.iam.store.GroupRecord;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.PolicyRecord;
import dev.tarn.iam.store.RoleRecord;
import dev.tarn.iam.store.Tag;
import dev.tarn.iam.store.UserRecord;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** GetAccountAuthorizationDetails: every user, group, role and customer managed policy with what applies to it. */
final class AccountDetails
{
    private final IamContext iam;

    AccountDetails(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("GetAccountAuthorizationDetails", DetailsRequest.class, this::details));
    }

    public record DetailsRequest(List<String> filter, Optional<String> marker, Optional<Integer> maxItems) {}

    public record PolicyDetail(String policyName, String policyDocument) {}

    public record UserDetail(String path, String userName, String userId, String arn, Instant createDate, List<PolicyDetail> userPolicyList,
            List<String> groupList, List<AttachedPolicy> attachedManagedPolicies, Optional<PermissionsBoundary> permissionsBoundary, List<Tag> tags) {}

    public record GroupDetail(String path, String groupName, String groupId, String arn, Instant createDate, List<PolicyDetail> groupPolicyList,
            List<AttachedPolicy> attachedManagedPolicies) {}

    public record RoleDetail(String path, String roleName, String roleId, String arn, Instant createDate, String assumeRolePolicyDocument,
            List<Shapes.InstanceProfile> instanceProfileList, List<PolicyDetail> rolePolicyList, List<AttachedPolicy> attachedManagedPolicies,
            Optional<PermissionsBoundary> permissionsBoundary, List<Tag> tags) {}

    public record ManagedPolicyDetail(String policyName, String policyId, String arn, String path, String defaultVersionId, int attachmentCount,
            int permissionsBoundaryUsageCount, @JsonProperty("IsAttachable") boolean isAttachable, Optional<String> description,
            Instant createDate, Instant updateDate, List<PolicyVersion> policyVersionList) {}

    public record DetailsResult(List<UserDetail> userDetailList, List<GroupDetail> groupDetailList, List<RoleDetail> roleDetailList,
            List<ManagedPolicyDetail> policies, @JsonProperty("IsTruncated") boolean isTruncated) {}

    private DetailsResult details(RequestContext context, DetailsRequest request)
    {
        String account = IamContext.account(context);
        iam.authorize(context, "GetAccountAuthorizationDetails", "*");
        List<String> filter = request.filter() == null ? List.of() : request.filter();
        return iam.store().read(reader -> {
            List<UserDetail> users = new ArrayList<>();
            List<GroupDetail> groups = new ArrayList<>();
            List<RoleDetail> roles = new ArrayList<>();
            List<ManagedPolicyDetail> policies = new ArrayList<>();
            if (wanted(filter, "User")) {
                for (UserRecord user : reader.list(Kind.USERS, account + "/")) {
                    users.add(new UserDetail(user.path(), user.name(), user.id(), user.arn(), user.createDate(), inline(user.inlinePolicies()),
                            Groups.groupsOf(reader, account, user.name()).stream().map(GroupRecord::name).toList(),
                            attached(user.attachedPolicies()), PermissionsBoundary.of(user.permissionsBoundary()), user.tags()));
                }
            }
            if (wanted(filter, "Group")) {
                for (GroupRecord group : reader.list(Kind.GROUPS, account + "/")) {
                    groups.add(new GroupDetail(group.path(), group.name(), group.id(), group.arn(), group.createDate(), inline(group.inlinePolicies()),
                            attached(group.attachedPolicies())));
                }
            }
            if (wanted(filter, "Role")) {
                for (RoleRecord role : reader.list(Kind.ROLES, account + "/")) {
                    List<Shapes.InstanceProfile> profiles = reader.list(Kind.ROLE_PROFILES, IamReader.key(account, role.name()) + "/").stream()
                            .flatMap(profile -> reader.get(Kind.INSTANCE_PROFILES, IamReader.key(account, profile)).stream())
                            .map(profile -> Shapes.InstanceProfile.of(profile, List.of(role)))
                            .toList();
                    roles.add(new RoleDetail(role.path(), role.name(), role.id(), role.arn(), role.createDate(), Shapes.encodeDocument(role.trustPolicy()),
                            profiles, inline(role.inlinePolicies()), attached(role.attachedPolicies()), PermissionsBoundary.of(role.permissionsBoundary()),
                            role.tags()));
                }
            }
            if (wanted(filter, "LocalManagedPolicy")) {
                for (PolicyRecord policy : reader.list(Kind.POLICIES, account + "/")) {
                    int attachments = reader.count(Kind.POLICY_ATTACHMENTS, PolicyAttachments.attachmentPrefix(policy.arn()));
                    policies.add(new ManagedPolicyDetail(policy.name(), policy.id(), policy.arn(), policy.path(), policy.defaultVersionId(), attachments, 0,
                            true, policy.description(), policy.createDate(), policy.updateDate(),
                            policy.versions().stream().map(version -> PolicyVersion.of(policy, version, true)).toList()));
                }
            }
            return new DetailsResult(users, groups, roles, policies, false);
        });
    }

    private static boolean wanted(List<String> filter, String type)
    {
        return filter.isEmpty() || filter.contains(type);
    }

    private static List<PolicyDetail> inline(Map<String, String> policies)
    {
        return policies.entrySet().stream().map(entry -> new PolicyDetail(entry.getKey(), Shapes.encodeDocument(entry.getValue()))).toList();
    }

    private static List<AttachedPolicy> attached(List<String> arns)
    {
        return arns.stream().map(AttachedPolicy::of).toList();
    }
}
