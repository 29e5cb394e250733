package dev.tarn.iam;

import dev.tarn.iam.Shapes.User;
import dev.tarn.iam.store.AccessKeyRecord;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.IamWriter;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.Tag;
import dev.tarn.iam.store.UserRecord;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Users: create, read, list, rename, delete; their tags and permissions boundary. */
final class Users
{
    private final IamContext iam;

    Users(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateUser", CreateUserRequest.class, this::createUser));
        registry.operation(new ActionOperation<>("GetUser", GetUserRequest.class, this::getUser));
        registry.operation(new ActionOperation<>("ListUsers", ListUsersRequest.class, this::listUsers));
        registry.operation(new ActionOperation<>("UpdateUser", UpdateUserRequest.class, this::updateUser));
        registry.operation(new ActionOperation<>("DeleteUser", UserNameRequest.class, this::deleteUser));
        registry.operation(new ActionOperation<>("TagUser", TagUserRequest.class, this::tagUser));
        registry.operation(new ActionOperation<>("UntagUser", UntagUserRequest.class, this::untagUser));
        registry.operation(new ActionOperation<>("ListUserTags", ListTagsRequest.class, this::listUserTags));
        registry.operation(new ActionOperation<>("PutUserPermissionsBoundary", PutBoundaryRequest.class, this::putBoundary));
        registry.operation(new ActionOperation<>("DeleteUserPermissionsBoundary", UserNameRequest.class, this::deleteBoundary));
    }

    public record CreateUserRequest(String userName, Optional<String> path, Optional<String> permissionsBoundary, List<Tag> tags) {}

    public record UserResult(User user) {}

    public record GetUserRequest(Optional<String> userName) {}

    public record ListUsersRequest(Optional<String> pathPrefix, Optional<String> marker, Optional<Integer> maxItems) {}

    public record ListUsersResult(List<User> users, @com.fasterxml.jackson.annotation.JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    public record UpdateUserRequest(String userName, Optional<String> newPath, Optional<String> newUserName) {}

    public record UserNameRequest(String userName) {}

    public record TagUserRequest(String userName, List<Tag> tags) {}

    public record UntagUserRequest(String userName, List<String> tagKeys) {}

    public record ListTagsRequest(String userName, Optional<String> marker, Optional<Integer> maxItems) {}

    public record ListTagsResult(List<Tag> tags, @com.fasterxml.jackson.annotation.JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    public record PutBoundaryRequest(String userName, String permissionsBoundary) {}

    private UserResult createUser(RequestContext context, CreateUserRequest request)
    {
        String name = Validation.name("userName", request.userName(), 64);
        String path = Validation.path(request.path());
        List<Tag> tags = Validation.tags(request.tags());
        String account = IamContext.account(context);
        iam.authorize(context, "CreateUser", IamContext.arn(context, "user", path, name));
        UserRecord user = iam.store().write(writer -> {
            if (Entities.findUser(writer, account, name).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("User with name " + name + " already exists.");
            }
            Optional<String> boundary = request.permissionsBoundary().map(arn -> Entities.policy(writer, arn).arn());
            UserRecord created = new UserRecord(account, name, iam.ids().uniqueId("AIDA"), path, iam.now(), tags, Map.of(), List.of(), boundary, Optional.empty());
            writer.put(Kind.USERS, IamReader.key(account, name), created);
            return created;
        });
        return new UserResult(User.of(user));
    }

    private UserResult getUser(RequestContext context, GetUserRequest request)
    {
        Caller caller = context.caller();
        String account = IamContext.account(context);
        if (request.userName().isEmpty() && caller.root()) {
            // the root user, as AWS answers GetUser without a name for root credentials
            return new UserResult(new User("/", account, account, caller.arn(), iam.now(), Optional.empty(), Optional.empty()));
        }
        String name = request.userName().orElseGet(() -> callerUserName(caller));
        UserRecord user = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "GetUser", user.arn());
        return new UserResult(User.of(user));
    }

    /** The caller's own user name, for operations whose UserName defaults to the caller. */
    static String callerUserName(Caller caller)
    {
        return dev.tarn.iam.store.Arns.parse(caller.arn(), "user")
                .map(dev.tarn.iam.store.Arns.ParsedArn::name)
                .orElseThrow(() -> IamErrors.VALIDATION_ERROR.exception("Must specify userName when calling with non-User credentials"));
    }

    private ListUsersResult listUsers(RequestContext context, ListUsersRequest request)
    {
        String account = IamContext.account(context);
        iam.authorize(context, "ListUsers", IamContext.arn(context, "user", "/", ""));
        Paging<User> page = iam.store().read(reader -> StorePaging.page(reader, Kind.USERS, account + "/", request.marker(), request.maxItems(),
                user -> Validation.underPath(user.path(), request.pathPrefix()), User::of));
        return new ListUsersResult(page.items(), page.isTruncated(), page.marker());
    }

    private Void updateUser(RequestContext context, UpdateUserRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.name("userName", request.userName(), 64);
        Optional<String> newName = request.newUserName().map(value -> Validation.name("newUserName", value, 64));
        Optional<String> newPath = request.newPath().map(value -> Validation.path(Optional.of(value)));
        UserRecord current = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "UpdateUser", current.arn());
        iam.store().write(writer -> {
            UserRecord user = Entities.user(writer, account, name);
            String targetName = newName.orElse(user.name());
            boolean renamed = !IamReader.key(account, targetName).equals(IamReader.key(account, user.name()));
            if (renamed && Entities.findUser(writer, account, targetName).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("User with name " + targetName + " already exists.");
            }
            UserRecord updated = user.withName(targetName, newPath.orElse(user.path()));
            writer.delete(Kind.USERS, IamReader.key(account, user.name()));
            writer.put(Kind.USERS, IamReader.key(account, targetName), updated);
            if (renamed || !updated.arn().equals(user.arn())) {
                moveLookups(writer, user, updated);
            }
            return null;
        });
        return null;
    }

    /** A renamed user keeps its keys, groups and attached policies: every lookup that names it moves. */
    private static void moveLookups(IamWriter writer, UserRecord before, UserRecord after)
    {
        String account = before.accountId();
        for (String keyId : writer.list(Kind.USER_KEYS, IamReader.key(account, before.name()) + "/")) {
            writer.delete(Kind.USER_KEYS, IamReader.key(account, before.name(), keyId));
            writer.put(Kind.USER_KEYS, IamReader.key(account, after.name(), keyId), keyId);
            writer.get(Kind.ACCESS_KEYS, keyId).ifPresent(key -> writer.put(Kind.ACCESS_KEYS, keyId, key.withUserName(after.name())));
        }
        for (String group : writer.list(Kind.USER_GROUPS, IamReader.key(account, before.name()) + "/")) {
            writer.delete(Kind.USER_GROUPS, IamReader.key(account, before.name(), group));
            writer.put(Kind.USER_GROUPS, IamReader.key(account, after.name(), group), group);
            writer.delete(Kind.GROUP_MEMBERS, IamReader.key(account, group, before.name()));
            writer.put(Kind.GROUP_MEMBERS, IamReader.key(account, group, after.name()), after.name());
        }
        for (String policyArn : before.attachedPolicies()) {
            writer.delete(Kind.POLICY_ATTACHMENTS, PolicyAttachments.attachmentId(policyArn, "user", before.name()));
            writer.put(Kind.POLICY_ATTACHMENTS, PolicyAttachments.attachmentId(policyArn, "user", after.name()), after.name());
        }
    }

    private Void deleteUser(RequestContext context, UserNameRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.required("userName", request.userName());
        UserRecord current = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "DeleteUser", current.arn());
        iam.store().write(writer -> {
            UserRecord user = Entities.user(writer, account, name);
            String prefix = IamReader.key(account, user.name()) + "/";
            if (writer.any(Kind.USER_KEYS, prefix)) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must delete access keys first.");
            }
            if (!user.inlinePolicies().isEmpty()) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must delete policies first.");
            }
            if (!user.attachedPolicies().isEmpty()) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must detach all policies first.");
            }
            if (writer.any(Kind.USER_GROUPS, prefix)) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must remove users from group first.");
            }
            if (user.loginProfile().isPresent()) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must delete login profile first.");
            }
            writer.delete(Kind.USERS, IamReader.key(account, user.name()));
            return null;
        });
        return null;
    }

    private Void tagUser(RequestContext context, TagUserRequest request)
    {
        String account = IamContext.account(context);
        List<Tag> tags = Validation.tags(request.tags());
        UserRecord current = iam.store().read(reader -> Entities.user(reader, account, Validation.required("userName", request.userName())));
        iam.authorize(context, "TagUser", current.arn());
        iam.store().write(writer -> {
            UserRecord user = Entities.user(writer, account, request.userName());
            writer.put(Kind.USERS, IamReader.key(account, user.name()), user.withTags(Tagging.merge(user.tags(), tags)));
            return null;
        });
        return null;
    }

    private Void untagUser(RequestContext context, UntagUserRequest request)
    {
        String account = IamContext.account(context);
        UserRecord current = iam.store().read(reader -> Entities.user(reader, account, Validation.required("userName", request.userName())));
        iam.authorize(context, "UntagUser", current.arn());
        iam.store().write(writer -> {
            UserRecord user = Entities.user(writer, account, request.userName());
            writer.put(Kind.USERS, IamReader.key(account, user.name()), user.withTags(Tagging.remove(user.tags(), request.tagKeys())));
            return null;
        });
        return null;
    }

    private ListTagsResult listUserTags(RequestContext context, ListTagsRequest request)
    {
        String account = IamContext.account(context);
        UserRecord user = iam.store().read(reader -> Entities.user(reader, account, Validation.required("userName", request.userName())));
        iam.authorize(context, "ListUserTags", user.arn());
        Paging<Tag> page = Paging.page(user.tags(), request.marker(), request.maxItems());
        return new ListTagsResult(page.items(), page.isTruncated(), page.marker());
    }

    private Void putBoundary(RequestContext context, PutBoundaryRequest request)
    {
        String account = IamContext.account(context);
        UserRecord current = iam.store().read(reader -> Entities.user(reader, account, Validation.required("userName", request.userName())));
        iam.authorize(context, "PutUserPermissionsBoundary", current.arn());
        iam.store().write(writer -> {
            UserRecord user = Entities.user(writer, account, request.userName());
            String arn = Entities.policy(writer, Validation.required("permissionsBoundary", request.permissionsBoundary())).arn();
            writer.put(Kind.USERS, IamReader.key(account, user.name()), user.withPermissionsBoundary(Optional.of(arn)));
            return null;
        });
        return null;
    }

    private Void deleteBoundary(RequestContext context, UserNameRequest request)
    {
        String account = IamContext.account(context);
        UserRecord current = iam.store().read(reader -> Entities.user(reader, account, Validation.required("userName", request.userName())));
        iam.authorize(context, "DeleteUserPermissionsBoundary", current.arn());
        iam.store().write(writer -> {
            UserRecord user = Entities.user(writer, account, request.userName());
            writer.put(Kind.USERS, IamReader.key(account, user.name()), user.withPermissionsBoundary(Optional.empty()));
            return null;
        });
        return null;
    }

    /** The user's access keys, for the lookups that need them. */
    static List<AccessKeyRecord> accessKeys(IamReader reader, String account, String userName)
    {
        return reader.list(Kind.USER_KEYS, IamReader.key(account, userName) + "/").stream()
                .flatMap(keyId -> reader.get(Kind.ACCESS_KEYS, keyId).stream())
                .toList();
    }
}
