package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.Shapes.Role;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.RoleRecord;
import dev.tarn.iam.store.Tag;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Roles: their trust policies, session duration, boundary and tags. */
final class Roles
{
    static final int DEFAULT_MAX_SESSION_DURATION = 3600;

    private final IamContext iam;

    Roles(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateRole", CreateRoleRequest.class, this::createRole));
        registry.operation(new ActionOperation<>("GetRole", RoleNameRequest.class, this::getRole));
        registry.operation(new ActionOperation<>("ListRoles", ListRolesRequest.class, this::listRoles));
        registry.operation(new ActionOperation<>("UpdateRole", UpdateRoleRequest.class, this::updateRole));
        registry.operation(new ActionOperation<>("UpdateAssumeRolePolicy", UpdateAssumeRolePolicyRequest.class, this::updateAssumeRolePolicy));
        registry.operation(new ActionOperation<>("DeleteRole", RoleNameRequest.class, this::deleteRole));
        registry.operation(new ActionOperation<>("PutRolePermissionsBoundary", PutBoundaryRequest.class, this::putBoundary));
        registry.operation(new ActionOperation<>("DeleteRolePermissionsBoundary", RoleNameRequest.class, this::deleteBoundary));
        registry.operation(new ActionOperation<>("TagRole", TagRoleRequest.class, this::tagRole));
        registry.operation(new ActionOperation<>("UntagRole", UntagRoleRequest.class, this::untagRole));
        registry.operation(new ActionOperation<>("ListRoleTags", ListRoleTagsRequest.class, this::listRoleTags));
    }

    public record CreateRoleRequest(String roleName, Optional<String> path, String assumeRolePolicyDocument, Optional<String> description,
            Optional<Integer> maxSessionDuration, Optional<String> permissionsBoundary, List<Tag> tags) {}

    public record RoleResult(Role role) {}

    public record RoleNameRequest(String roleName) {}

    public record ListRolesRequest(Optional<String> pathPrefix, Optional<String> marker, Optional<Integer> maxItems) {}

    public record ListRolesResult(List<Role> roles, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    public record UpdateRoleRequest(String roleName, Optional<String> description, Optional<Integer> maxSessionDuration) {}

    public record UpdateAssumeRolePolicyRequest(String roleName, String policyDocument) {}

    public record PutBoundaryRequest(String roleName, String permissionsBoundary) {}

    public record TagRoleRequest(String roleName, List<Tag> tags) {}

    public record UntagRoleRequest(String roleName, List<String> tagKeys) {}

    public record ListRoleTagsRequest(String roleName, Optional<String> marker, Optional<Integer> maxItems) {}

    static int maxSessionDuration(Optional<Integer> given, int current)
    {
        int value = given.orElse(current);
        if (value < 3600 || value > 43200) {
            throw IamErrors.VALIDATION_ERROR.exception("1 validation error detected: Value '" + value
                    + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200");
        }
        return value;
    }

    private RoleResult createRole(RequestContext context, CreateRoleRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.name("roleName", request.roleName(), 64);
        String path = Validation.path(request.path());
        String trust = PolicyDocuments.trust(request.assumeRolePolicyDocument());
        int maxSession = maxSessionDuration(request.maxSessionDuration(), DEFAULT_MAX_SESSION_DURATION);
        List<Tag> tags = Validation.tags(request.tags());
        iam.authorize(context, "CreateRole", IamContext.arn(context, "role", path, name));
        RoleRecord role = iam.store().write(writer -> {
            if (writer.get(Kind.ROLES, IamReader.key(account, name)).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("Role with name " + name + " already exists.");
            }
            Optional<String> boundary = request.permissionsBoundary().map(arn -> Entities.policy(writer, arn).arn());
            RoleRecord created = new RoleRecord(account, name, iam.ids().uniqueId("AROA"), path, iam.now(), trust, request.description(),
                    maxSession, tags, Map.of(), List.of(), boundary);
            writer.put(Kind.ROLES, IamReader.key(account, name), created);
            return created;
        });
        return new RoleResult(Role.of(role));
    }

    private RoleRecord readRole(RequestContext context, String operation, String name)
    {
        RoleRecord role = iam.store().read(reader -> Entities.role(reader, IamContext.account(context), Validation.required("roleName", name)));
        iam.authorize(context, operation, role.arn());
        return role;
    }

    private RoleResult getRole(RequestContext context, RoleNameRequest request)
    {
        return new RoleResult(Role.of(readRole(context, "GetRole", request.roleName())));
    }

    private ListRolesResult listRoles(RequestContext context, ListRolesRequest request)
    {
        String account = IamContext.account(context);
        iam.authorize(context, "ListRoles", IamContext.arn(context, "role", "/", ""));
        Paging<Role> page = iam.store().read(reader -> StorePaging.page(reader, Kind.ROLES, account + "/", request.marker(), request.maxItems(),
                role -> Validation.underPath(role.path(), request.pathPrefix()), Role::of));
        return new ListRolesResult(page.items(), page.isTruncated(), page.marker());
    }

    private Void updateRole(RequestContext context, UpdateRoleRequest request)
    {
        readRole(context, "UpdateRole", request.roleName());
        update(context, request.roleName(), role -> role.withSettings(request.description().or(role::description),
                maxSessionDuration(request.maxSessionDuration(), role.maxSessionDuration())));
        return null;
    }

    private Void updateAssumeRolePolicy(RequestContext context, UpdateAssumeRolePolicyRequest request)
    {
        String trust = PolicyDocuments.trust(request.policyDocument());
        readRole(context, "UpdateAssumeRolePolicy", request.roleName());
        update(context, request.roleName(), role -> role.withTrustPolicy(trust));
        return null;
    }

    private Void deleteRole(RequestContext context, RoleNameRequest request)
    {
        String account = IamContext.account(context);
        readRole(context, "DeleteRole", request.roleName());
        iam.store().write(writer -> {
            RoleRecord role = Entities.role(writer, account, request.roleName());
            if (!role.inlinePolicies().isEmpty()) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must delete policies first.");
            }
            if (!role.attachedPolicies().isEmpty()) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must detach all policies first.");
            }
            if (writer.any(Kind.ROLE_PROFILES, IamReader.key(account, role.name()) + "/")) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must remove roles from instance profile first.");
            }
            writer.delete(Kind.ROLES, IamReader.key(account, role.name()));
            return null;
        });
        return null;
    }

    private Void putBoundary(RequestContext context, PutBoundaryRequest request)
    {
        readRole(context, "PutRolePermissionsBoundary", request.roleName());
        String arn = iam.store().read(reader -> Entities.policy(reader, Validation.required("permissionsBoundary", request.permissionsBoundary())).arn());
        update(context, request.roleName(), role -> role.withPermissionsBoundary(Optional.of(arn)));
        return null;
    }

    private Void deleteBoundary(RequestContext context, RoleNameRequest request)
    {
        readRole(context, "DeleteRolePermissionsBoundary", request.roleName());
        update(context, request.roleName(), role -> role.withPermissionsBoundary(Optional.empty()));
        return null;
    }

    private Void tagRole(RequestContext context, TagRoleRequest request)
    {
        List<Tag> tags = Validation.tags(request.tags());
        readRole(context, "TagRole", request.roleName());
        update(context, request.roleName(), role -> role.withTags(Tagging.merge(role.tags(), tags)));
        return null;
    }

    private Void untagRole(RequestContext context, UntagRoleRequest request)
    {
        readRole(context, "UntagRole", request.roleName());
        update(context, request.roleName(), role -> role.withTags(Tagging.remove(role.tags(), request.tagKeys())));
        return null;
    }

    private Users.ListTagsResult listRoleTags(RequestContext context, ListRoleTagsRequest request)
    {
        RoleRecord role = readRole(context, "ListRoleTags", request.roleName());
        Paging<Tag> page = Paging.page(role.tags(), request.marker(), request.maxItems());
        return new Users.ListTagsResult(page.items(), page.isTruncated(), page.marker());
    }

    private void update(RequestContext context, String name, java.util.function.UnaryOperator<RoleRecord> change)
    {
        String account = IamContext.account(context);
        iam.store().write(writer -> {
            RoleRecord role = Entities.role(writer, account, name);
            writer.put(Kind.ROLES, IamReader.key(account, role.name()), change.apply(role));
            return null;
        });
    }
}
