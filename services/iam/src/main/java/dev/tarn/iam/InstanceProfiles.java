package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.Shapes.InstanceProfile;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.InstanceProfileRecord;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.RoleRecord;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Instance profiles, each holding at most one role. */
final class InstanceProfiles
{
    private final IamContext iam;

    InstanceProfiles(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateInstanceProfile", CreateRequest.class, this::create));
        registry.operation(new ActionOperation<>("GetInstanceProfile", NameRequest.class, this::get));
        registry.operation(new ActionOperation<>("ListInstanceProfiles", ListRequest.class, this::list));
        registry.operation(new ActionOperation<>("DeleteInstanceProfile", NameRequest.class, this::delete));
        registry.operation(new ActionOperation<>("AddRoleToInstanceProfile", RoleRequest.class, this::addRole));
        registry.operation(new ActionOperation<>("RemoveRoleFromInstanceProfile", RoleRequest.class, this::removeRole));
        registry.operation(new ActionOperation<>("ListInstanceProfilesForRole", ForRoleRequest.class, this::listForRole));
    }

    public record CreateRequest(String instanceProfileName, Optional<String> path) {}

    public record NameRequest(String instanceProfileName) {}

    public record ListRequest(Optional<String> pathPrefix, Optional<String> marker, Optional<Integer> maxItems) {}

    public record RoleRequest(String instanceProfileName, String roleName) {}

    public record ForRoleRequest(String roleName, Optional<String> marker, Optional<Integer> maxItems) {}

    public record InstanceProfileResult(InstanceProfile instanceProfile) {}

    public record ListResult(List<InstanceProfile> instanceProfiles, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    private InstanceProfileResult create(RequestContext context, CreateRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.name("instanceProfileName", request.instanceProfileName(), 128);
        String path = Validation.path(request.path());
        iam.authorize(context, "CreateInstanceProfile", IamContext.arn(context, "instance-profile", path, name));
        InstanceProfileRecord profile = iam.store().write(writer -> {
            if (writer.get(Kind.INSTANCE_PROFILES, IamReader.key(account, name)).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("Instance Profile " + name + " already exists.");
            }
            InstanceProfileRecord created = new InstanceProfileRecord(account, name, iam.ids().uniqueId("AIPA"), path, iam.now(), List.of());
            writer.put(Kind.INSTANCE_PROFILES, IamReader.key(account, name), created);
            return created;
        });
        return new InstanceProfileResult(InstanceProfile.of(profile, List.of()));
    }

    private static InstanceProfile shape(IamReader reader, InstanceProfileRecord profile)
    {
        List<RoleRecord> roles = profile.roles().stream()
                .flatMap(role -> reader.get(Kind.ROLES, IamReader.key(profile.accountId(), role)).stream())
                .toList();
        return InstanceProfile.of(profile, roles);
    }

    private InstanceProfileResult get(RequestContext context, NameRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.required("instanceProfileName", request.instanceProfileName());
        InstanceProfileRecord profile = iam.store().read(reader -> Entities.instanceProfile(reader, account, name));
        iam.authorize(context, "GetInstanceProfile", profile.arn());
        return new InstanceProfileResult(iam.store().read(reader -> shape(reader, profile)));
    }

    private ListResult list(RequestContext context, ListRequest request)
    {
        String account = IamContext.account(context);
        iam.authorize(context, "ListInstanceProfiles", IamContext.arn(context, "instance-profile", "/", ""));
        List<InstanceProfile> profiles = iam.store().read(reader -> reader.list(Kind.INSTANCE_PROFILES, account + "/").stream()
                .filter(profile -> Validation.underPath(profile.path(), request.pathPrefix()))
                .map(profile -> shape(reader, profile))
                .toList());
        Paging<InstanceProfile> page = Paging.page(profiles, request.marker(), request.maxItems());
        return new ListResult(page.items(), page.isTruncated(), page.marker());
    }

    private Void delete(RequestContext context, NameRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.required("instanceProfileName", request.instanceProfileName());
        InstanceProfileRecord current = iam.store().read(reader -> Entities.instanceProfile(reader, account, name));
        iam.authorize(context, "DeleteInstanceProfile", current.arn());
        iam.store().write(writer -> {
            InstanceProfileRecord profile = Entities.instanceProfile(writer, account, name);
            if (!profile.roles().isEmpty()) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete entity, must remove roles from instance profile first.");
            }
            writer.delete(Kind.INSTANCE_PROFILES, IamReader.key(account, name));
            return null;
        });
        return null;
    }

    private Void addRole(RequestContext context, RoleRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.required("instanceProfileName", request.instanceProfileName());
        InstanceProfileRecord current = iam.store().read(reader -> Entities.instanceProfile(reader, account, name));
        iam.authorize(context, "AddRoleToInstanceProfile", current.arn());
        iam.store().write(writer -> {
            InstanceProfileRecord profile = Entities.instanceProfile(writer, account, name);
            RoleRecord role = Entities.role(writer, account, Validation.required("roleName", request.roleName()));
            if (!profile.roles().isEmpty()) {
                throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
            }
            writer.put(Kind.INSTANCE_PROFILES, IamReader.key(account, name), profile.withRoles(List.of(role.name())));
            writer.put(Kind.ROLE_PROFILES, IamReader.key(account, role.name(), profile.name()), profile.name());
            return null;
        });
        return null;
    }

    private Void removeRole(RequestContext context, RoleRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.required("instanceProfileName", request.instanceProfileName());
        InstanceProfileRecord current = iam.store().read(reader -> Entities.instanceProfile(reader, account, name));
        iam.authorize(context, "RemoveRoleFromInstanceProfile", current.arn());
        iam.store().write(writer -> {
            InstanceProfileRecord profile = Entities.instanceProfile(writer, account, name);
            String roleName = Validation.required("roleName", request.roleName());
            if (profile.roles().stream().noneMatch(roleName::equalsIgnoreCase)) {
                throw IamErrors.noSuchEntity("role", roleName);
            }
            writer.put(Kind.INSTANCE_PROFILES, IamReader.key(account, name), profile.withRoles(List.of()));
            writer.delete(Kind.ROLE_PROFILES, IamReader.key(account, roleName, profile.name()));
            return null;
        });
        return null;
    }

    private ListResult listForRole(RequestContext context, ForRoleRequest request)
    {
        String account = IamContext.account(context);
        RoleRecord role = iam.store().read(reader -> Entities.role(reader, account, Validation.required("roleName", request.roleName())));
        iam.authorize(context, "ListInstanceProfilesForRole", role.arn());
        List<InstanceProfile> profiles = iam.store().read(reader -> reader.list(Kind.ROLE_PROFILES, IamReader.key(account, role.name()) + "/").stream()
                .flatMap(profile -> reader.get(Kind.INSTANCE_PROFILES, IamReader.key(account, profile)).stream())
                .map(profile -> shape(reader, profile))
                .toList());
        Paging<InstanceProfile> page = Paging.page(profiles, request.marker(), request.maxItems());
        return new ListResult(page.items(), page.isTruncated(), page.marker());
    }
}
