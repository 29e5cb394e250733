package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.Shapes.Group;
import dev.tarn.iam.Shapes.User;
import dev.tarn.iam.store.GroupRecord;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.UserRecord;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Groups and their members. */
final class Groups
{
    private final IamContext iam;

    Groups(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateGroup", CreateGroupRequest.class, this::createGroup));
        registry.operation(new ActionOperation<>("GetGroup", GetGroupRequest.class, this::getGroup));
        registry.operation(new ActionOperation<>("ListGroups", ListGroupsRequest.class, this::listGroups));
        registry.operation(new ActionOperation<>("UpdateGroup", UpdateGroupRequest.class, this::updateGroup));
        registry.operation(new ActionOperation<>("DeleteGroup", GroupNameRequest.class, this::deleteGroup));
        registry.operation(new ActionOperation<>("AddUserToGroup", MembershipRequest.class, this::addUserToGroup));
        registry.operation(new ActionOperation<>("RemoveUserFromGroup", MembershipRequest.class, this::removeUserFromGroup));
        registry.operation(new ActionOperation<>("ListGroupsForUser", ListGroupsForUserRequest.class, this::listGroupsForUser));
    }

    public record CreateGroupRequest(String groupName, Optional<String> path) {}

    public record CreateGroupResult(Group group) {}

    public record GetGroupRequest(String groupName, Optional<String> marker, Optional<Integer> maxItems) {}

    public record GetGroupResult(Group group, List<User> users, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    public record ListGroupsRequest(Optional<String> pathPrefix, Optional<String> marker, Optional<Integer> maxItems) {}

    public record ListGroupsResult(List<Group> groups, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    public record UpdateGroupRequest(String groupName, Optional<String> newPath, Optional<String> newGroupName) {}

    public record GroupNameRequest(String groupName) {}

    public record MembershipRequest(String groupName, String userName) {}

    public record ListGroupsForUserRequest(String userName, Optional<String> marker, Optional<Integer> maxItems) {}

    private CreateGroupResult createGroup(RequestContext context, CreateGroupRequest request)
    {
        String name = Validation.name("groupName", request.groupName(), 128);
        String path = Validation.path(request.path());
        String account = IamContext.account(context);
        iam.authorize(context, "CreateGroup", IamContext.arn(context, "group", path, name));
        GroupRecord group = iam.store().write(writer -> {
            if (writer.get(Kind.GROUPS, IamReader.key(account, name)).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("Group with name " + name + " already exists.");
            }
            GroupRecord created = new GroupRecord(account, name, iam.ids().uniqueId("AGPA"), path, iam.now(), Map.of(), List.of());
            writer.put(Kind.GROUPS, IamReader.key(account, name), created);
            return created;
        });
        return new CreateGroupResult(Group.of(group));
    }

    private GetGroupResult getGroup(RequestContext context, GetGroupRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.required("groupName", request.groupName());
        record Found(GroupRecord group, List<UserRecord> members) {}
        Found found = iam.store().read(reader -> {
            GroupRecord group = Entities.group(reader, account, name);
            List<UserRecord> members = reader.list(Kind.GROUP_MEMBERS, IamReader.key(account, name) + "/").stream()
                    .flatMap(user -> Entities.findUser(reader, account, user).stream())
                    .toList();
            return new Found(group, members);
        });
        iam.authorize(context, "GetGroup", found.group().arn());
        Paging<User> page = Paging.page(found.members().stream().map(User::of).toList(), request.marker(), request.maxItems());
        return new GetGroupResult(Group.of(found.group()), page.items(), page.isTruncated(), page.marker());
    }

    private ListGroupsResult listGroups(RequestContext context, ListGroupsRequest request)
    {
        String account = IamContext.account(context);
        iam.authorize(context, "ListGroups", IamContext.arn(context, "group", "/", ""));
        Paging<Group> page = iam.store().read(reader -> StorePaging.page(reader, Kind.GROUPS, account + "/", request.marker(), request.maxItems(),
                group -> Validation.underPath(group.path(), request.pathPrefix()), Group::of));
        return new ListGroupsResult(page.items(), page.isTruncated(), page.marker());
    }

    private Void updateGroup(RequestContext context, UpdateGroupRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.required("groupName", request.groupName());
        Optional<String> newName = request.newGroupName().map(value -> Validation.name("newGroupName", value, 128));
        Optional<String> newPath = request.newPath().map(value -> Validation.path(Optional.of(value)));
        GroupRecord current = iam.store().read(reader -> Entities.group(reader, account, name));
        iam.authorize(context, "UpdateGroup", current.arn());
        iam.store().write(writer -> {
            GroupRecord group = Entities.group(writer, account, name);
            String target = newName.orElse(group.name());
            boolean renamed = !IamReader.key(account, target).equals(IamReader.key(account, group.name()));
            if (renamed && writer.get(Kind.GROUPS, IamReader.key(account, target)).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("Group with name " + target + " already exists.");
            }
            GroupRecord updated = group.withName(target, newPath.orElse(group.path()));
            writer.delete(Kind.GROUPS, IamReader.key(account, group.name()));
            writer.put(Kind.GROUPS, IamReader.key(account, target), updated);
            for (String user : writer.list(Kind.GROUP_MEMBERS, IamReader.key(account, group.name()) + "/")) {
                writer.delete(Kind.GROUP_MEMBERS, IamReader.key(account, group.name(), user));
                writer.put(Kind.GROUP_MEMBERS, IamReader.key(account, target, user), user);
                writer.delete(Kind.USER_GROUPS, IamReader.key(account, user, group.name()));
                writer.put(Kind.USER_GROUPS, IamReader.key(account, user, target), target);
            }
            for (String policyArn : group.attachedPolicies()) {
                writer.delete(Kind.POLICY_ATTACHMENTS, PolicyAttachments.attachmentId(policyArn, "group", group.name()));
                writer.put(Kind.POLICY_ATTACHMENTS, PolicyAttachments.attachmentId(policyArn, "group", target), target);
            }
            return null;
        });
        return null;
    }

    private Void deleteGroup(RequestContext context, GroupNameRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.required("groupName", request.groupName());
        GroupRecord current = iam.store().read(reader -> Entities.group(reader, account, name));
        iam.authorize(context, "DeleteGroup", current.arn());
        iam.store().write(writer -> {
            GroupRecord group = Entities.group(writer, account, name);
            if (writer.any(Kind.GROUP_MEMBERS, IamReader.key(account, name) + "/")) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must remove users from group first.");
            }
            if (!group.inlinePolicies().isEmpty()) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must delete policies first.");
            }
            if (!group.attachedPolicies().isEmpty()) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must detach all policies first.");
            }
            writer.delete(Kind.GROUPS, IamReader.key(account, name));
            return null;
        });
        return null;
    }

    private Void addUserToGroup(RequestContext context, MembershipRequest request)
    {
        String account = IamContext.account(context);
        GroupRecord current = iam.store().read(reader -> Entities.group(reader, account, Validation.required("groupName", request.groupName())));
        iam.authorize(context, "AddUserToGroup", current.arn());
        iam.store().write(writer -> {
            GroupRecord group = Entities.group(writer, account, request.groupName());
            UserRecord user = Entities.user(writer, account, Validation.required("userName", request.userName()));
            int groups = writer.count(Kind.USER_GROUPS, IamReader.key(account, user.name()) + "/");
            if (groups >= 10 && writer.get(Kind.USER_GROUPS, IamReader.key(account, user.name(), group.name())).isEmpty()) {
                throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for GroupsPerUser: 10");
            }
            writer.put(Kind.GROUP_MEMBERS, IamReader.key(account, group.name(), user.name()), user.name());
            writer.put(Kind.USER_GROUPS, IamReader.key(account, user.name(), group.name()), group.name());
            return null;
        });
        return null;
    }

    private Void removeUserFromGroup(RequestContext context, MembershipRequest request)
    {
        String account = IamContext.account(context);
        GroupRecord current = iam.store().read(reader -> Entities.group(reader, account, Validation.required("groupName", request.groupName())));
        iam.authorize(context, "RemoveUserFromGroup", current.arn());
        iam.store().write(writer -> {
            GroupRecord group = Entities.group(writer, account, request.groupName());
            UserRecord user = Entities.user(writer, account, Validation.required("userName", request.userName()));
            if (!writer.delete(Kind.GROUP_MEMBERS, IamReader.key(account, group.name(), user.name()))) {
                throw IamErrors.NO_SUCH_ENTITY.exception("User " + user.name() + " is not in group " + group.name() + ".");
            }
            writer.delete(Kind.USER_GROUPS, IamReader.key(account, user.name(), group.name()));
            return null;
        });
        return null;
    }

    private ListGroupsResult listGroupsForUser(RequestContext context, ListGroupsForUserRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.required("userName", request.userName());
        UserRecord user = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "ListGroupsForUser", user.arn());
        List<Group> groups = iam.store().read(reader -> groupsOf(reader, account, name)).stream().map(Group::of).toList();
        Paging<Group> page = Paging.page(groups, request.marker(), request.maxItems());
        return new ListGroupsResult(page.items(), page.isTruncated(), page.marker());
    }

    static List<GroupRecord> groupsOf(IamReader reader, String account, String userName)
    {
        return reader.list(Kind.USER_GROUPS, IamReader.key(account, userName) + "/").stream()
                .flatMap(group -> reader.get(Kind.GROUPS, IamReader.key(account, group)).stream())
                .toList();
    }
}
