package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.Shapes.AttachedPolicy;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.PolicyHolder;
import dev.tarn.iam.store.PolicyRecord;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Managed policies attached to users, groups and roles. Each attachment is recorded twice in one
 * transaction: in the entity (what applies to it) and in a lookup by policy ARN (what it is
 * attached to, for DeletePolicy's conflict and ListEntitiesForPolicy).
 */
final class PolicyAttachments
{
    private final IamContext iam;

    PolicyAttachments(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    static String attachmentPrefix(String policyArn)
    {
        return policyArn + "|";
    }

    static String attachmentId(String policyArn, String kind, String name)
    {
        return attachmentPrefix(policyArn) + kind + "/" + name.toLowerCase(java.util.Locale.ROOT);
    }

    void register(OperationRegistry registry)
    {
        for (Holders<?> holders : List.of(Holders.USER, Holders.GROUP, Holders.ROLE)) {
            String word = holders.word();
            registry.operation(new ActionOperation<>("Attach" + word + "Policy", AttachRequest.class,
                    (context, request) -> attach(context, holders, request)));
            registry.operation(new ActionOperation<>("Detach" + word + "Policy", AttachRequest.class,
                    (context, request) -> detach(context, holders, request)));
            registry.operation(new ActionOperation<>("ListAttached" + word + "Policies", ListAttachedRequest.class,
                    (context, request) -> listAttached(context, holders, request)));
        }
        registry.operation(new ActionOperation<>("ListEntitiesForPolicy", ListEntitiesRequest.class, this::listEntitiesForPolicy));
    }

    /** UserName, GroupName or RoleName, whichever the operation takes. */
    public record AttachRequest(Optional<String> userName, Optional<String> groupName, Optional<String> roleName, String policyArn)
    {
        String name()
        {
            return userName.or(() -> groupName).or(() -> roleName).orElse(null);
        }
    }

    public record ListAttachedRequest(Optional<String> userName, Optional<String> groupName, Optional<String> roleName,
            Optional<String> pathPrefix, Optional<String> marker, Optional<Integer> maxItems)
    {
        String name()
        {
            return userName.or(() -> groupName).or(() -> roleName).orElse(null);
        }
    }

    public record ListAttachedResult(List<AttachedPolicy> attachedPolicies, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    public record ListEntitiesRequest(String policyArn, Optional<String> entityFilter, Optional<String> pathPrefix,
            Optional<String> marker, Optional<Integer> maxItems) {}

    public record PolicyGroup(String groupName, String groupId) {}

    public record PolicyUser(String userName, String userId) {}

    public record PolicyRole(String roleName, String roleId) {}

    public record ListEntitiesResult(List<PolicyGroup> policyGroups, List<PolicyUser> policyUsers, List<PolicyRole> policyRoles,
            @JsonProperty("IsTruncated") boolean isTruncated) {}

    private <T extends PolicyHolder> Void attach(RequestContext context, Holders<T> holders, AttachRequest request)
    {
        String account = IamContext.account(context);
        Validation.required("policyArn", request.policyArn());
        T current = iam.store().read(reader -> holders.find(reader, account, request.name()));
        iam.authorize(context, "Attach" + holders.word() + "Policy", current.arn());
        iam.store().write(writer -> {
            T holder = holders.find(writer, account, request.name());
            PolicyRecord policy = Entities.policy(writer, request.policyArn());
            if (holder.attachedPolicies().contains(policy.arn())) {
                return null;
            }
            if (holder.attachedPolicies().size() >= Holders.MANAGED_POLICIES_PER_HOLDER) {
                throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for " + holders.quotaName() + ": " + Holders.MANAGED_POLICIES_PER_HOLDER);
            }
            List<String> attached = new ArrayList<>(holder.attachedPolicies());
            attached.add(policy.arn());
            writer.put(holders.collection(), IamReader.key(account, holder.name()), holders.collection().type().cast(holder.withPolicies(holder.inlinePolicies(), attached)));
            writer.put(Kind.POLICY_ATTACHMENTS, attachmentId(policy.arn(), holders.kind(), holder.name()), holder.name());
            return null;
        });
        return null;
    }

    private <T extends PolicyHolder> Void detach(RequestContext context, Holders<T> holders, AttachRequest request)
    {
        String account = IamContext.account(context);
        Validation.required("policyArn", request.policyArn());
        T current = iam.store().read(reader -> holders.find(reader, account, request.name()));
        iam.authorize(context, "Detach" + holders.word() + "Policy", current.arn());
        iam.store().write(writer -> {
            T holder = holders.find(writer, account, request.name());
            if (!holder.attachedPolicies().contains(request.policyArn())) {
                throw IamErrors.NO_SUCH_ENTITY.exception("Policy " + request.policyArn() + " was not found.");
            }
            List<String> attached = new ArrayList<>(holder.attachedPolicies());
            attached.remove(request.policyArn());
            writer.put(holders.collection(), IamReader.key(account, holder.name()), holders.collection().type().cast(holder.withPolicies(holder.inlinePolicies(), attached)));
            writer.delete(Kind.POLICY_ATTACHMENTS, attachmentId(request.policyArn(), holders.kind(), holder.name()));
            return null;
        });
        return null;
    }

    private <T extends PolicyHolder> ListAttachedResult listAttached(RequestContext context, Holders<T> holders, ListAttachedRequest request)
    {
        String account = IamContext.account(context);
        T holder = iam.store().read(reader -> holders.find(reader, account, request.name()));
        iam.authorize(context, "ListAttached" + holders.word() + "Policies", holder.arn());
        List<AttachedPolicy> policies = holder.attachedPolicies().stream()
                .filter(arn -> request.pathPrefix().isEmpty() || dev.tarn.iam.store.Arns.parse(arn, "policy")
                        .map(parsed -> parsed.path().startsWith(request.pathPrefix().get())).orElse(false))
                .map(AttachedPolicy::of)
                .toList();
        Paging<AttachedPolicy> page = Paging.page(policies, request.marker(), request.maxItems());
        return new ListAttachedResult(page.items(), page.isTruncated(), page.marker());
    }

    private ListEntitiesResult listEntitiesForPolicy(RequestContext context, ListEntitiesRequest request)
    {
        String account = IamContext.account(context);
        Validation.required("policyArn", request.policyArn());
        PolicyRecord policy = iam.store().read(reader -> Entities.policy(reader, request.policyArn()));
        iam.authorize(context, "ListEntitiesForPolicy", policy.arn());
        String filter = request.entityFilter().orElse("");
        List<PolicyGroup> groups = new ArrayList<>();
        List<PolicyUser> users = new ArrayList<>();
        List<PolicyRole> roles = new ArrayList<>();
        iam.store().read(reader -> {
            for (String name : reader.list(Kind.POLICY_ATTACHMENTS, attachmentPrefix(policy.arn()) + "user/")) {
                if (filter.isEmpty() || filter.equals("User")) {
                    Entities.findUser(reader, account, name).ifPresent(user -> users.add(new PolicyUser(user.name(), user.id())));
                }
            }
            for (String name : reader.list(Kind.POLICY_ATTACHMENTS, attachmentPrefix(policy.arn()) + "group/")) {
                if (filter.isEmpty() || filter.equals("Group")) {
                    reader.get(Kind.GROUPS, IamReader.key(account, name)).ifPresent(group -> groups.add(new PolicyGroup(group.name(), group.id())));
                }
            }
            for (String name : reader.list(Kind.POLICY_ATTACHMENTS, attachmentPrefix(policy.arn()) + "role/")) {
                if (filter.isEmpty() || filter.equals("Role")) {
                    reader.get(Kind.ROLES, IamReader.key(account, name)).ifPresent(role -> roles.add(new PolicyRole(role.name(), role.id())));
                }
            }
            return null;
        });
        return new ListEntitiesResult(groups, users, roles, false);
    }
}
