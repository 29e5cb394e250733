package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.Shapes.AccessKeyMetadata;
import dev.tarn.iam.store.AccessKeyRecord;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.KeyUseRecord;
import dev.tarn.iam.store.UserRecord;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Users' long-term access keys: at most two each; Inactive keys stop authenticating at once. */
final class AccessKeys
{
    static final int KEYS_PER_USER = 2;

    private final IamContext iam;
    private final KeyUsage usage;

    AccessKeys(IamContext iam, KeyUsage usage)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.usage = requireNonNull(usage, "usage is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateAccessKey", UserRequest.class, this::createAccessKey));
        registry.operation(new ActionOperation<>("ListAccessKeys", ListAccessKeysRequest.class, this::listAccessKeys));
        registry.operation(new ActionOperation<>("UpdateAccessKey", UpdateAccessKeyRequest.class, this::updateAccessKey));
        registry.operation(new ActionOperation<>("DeleteAccessKey", DeleteAccessKeyRequest.class, this::deleteAccessKey));
        registry.operation(new ActionOperation<>("GetAccessKeyLastUsed", GetAccessKeyLastUsedRequest.class, this::getAccessKeyLastUsed));
    }

    public record UserRequest(Optional<String> userName) {}

    public record AccessKey(String userName, String accessKeyId, String status, String secretAccessKey, Instant createDate) {}

    public record CreateAccessKeyResult(AccessKey accessKey) {}

    public record ListAccessKeysRequest(Optional<String> userName, Optional<String> marker, Optional<Integer> maxItems) {}

    public record ListAccessKeysResult(List<AccessKeyMetadata> accessKeyMetadata, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    public record UpdateAccessKeyRequest(Optional<String> userName, String accessKeyId, String status) {}

    public record DeleteAccessKeyRequest(Optional<String> userName, String accessKeyId) {}

    public record GetAccessKeyLastUsedRequest(String accessKeyId) {}

    public record AccessKeyLastUsed(Optional<Instant> lastUsedDate, String serviceName, String region) {}

    public record GetAccessKeyLastUsedResult(String userName, AccessKeyLastUsed accessKeyLastUsed) {}

    private String userName(RequestContext context, Optional<String> given)
    {
        return given.orElseGet(() -> Users.callerUserName(context.caller()));
    }

    private CreateAccessKeyResult createAccessKey(RequestContext context, UserRequest request)
    {
        String account = IamContext.account(context);
        String name = userName(context, request.userName());
        UserRecord current = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "CreateAccessKey", current.arn());
        AccessKeyRecord key = iam.store().write(writer -> {
            UserRecord user = Entities.user(writer, account, name);
            if (writer.count(Kind.USER_KEYS, IamReader.key(account, user.name()) + "/") >= KEYS_PER_USER) {
                throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for AccessKeysPerUser: " + KEYS_PER_USER);
            }
            AccessKeyRecord created = new AccessKeyRecord(iam.ids().accessKeyId(false), iam.ids().secretAccessKey(), account, user.name(), true, iam.now());
            writer.put(Kind.ACCESS_KEYS, created.accessKeyId(), created);
            writer.put(Kind.USER_KEYS, IamReader.key(account, user.name(), created.accessKeyId()), created.accessKeyId());
            return created;
        });
        return new CreateAccessKeyResult(new AccessKey(key.userName(), key.accessKeyId(), key.status(), key.secretAccessKey(), key.createDate()));
    }

    private ListAccessKeysResult listAccessKeys(RequestContext context, ListAccessKeysRequest request)
    {
        String account = IamContext.account(context);
        String name = userName(context, request.userName());
        UserRecord user = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "ListAccessKeys", user.arn());
        List<AccessKeyMetadata> keys = iam.store().read(reader -> Users.accessKeys(reader, account, name)).stream()
                .map(AccessKeyMetadata::of)
                .toList();
        Paging<AccessKeyMetadata> page = Paging.page(keys, request.marker(), request.maxItems());
        return new ListAccessKeysResult(page.items(), page.isTruncated(), page.marker());
    }

    private Void updateAccessKey(RequestContext context, UpdateAccessKeyRequest request)
    {
        String account = IamContext.account(context);
        String name = userName(context, request.userName());
        boolean active = switch (Validation.required("status", request.status())) {
            case "Active" -> true;
            case "Inactive" -> false;
            default -> throw IamErrors.VALIDATION_ERROR.exception("1 validation error detected: Value '" + request.status()
                    + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        };
        UserRecord user = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "UpdateAccessKey", user.arn());
        iam.store().write(writer -> {
            AccessKeyRecord key = ownedKey(writer, account, name, request.accessKeyId());
            writer.put(Kind.ACCESS_KEYS, key.accessKeyId(), key.withActive(active));
            return null;
        });
        return null;
    }

    private Void deleteAccessKey(RequestContext context, DeleteAccessKeyRequest request)
    {
        String account = IamContext.account(context);
        String name = userName(context, request.userName());
        UserRecord user = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "DeleteAccessKey", user.arn());
        iam.store().write(writer -> {
            AccessKeyRecord key = ownedKey(writer, account, name, request.accessKeyId());
            writer.delete(Kind.ACCESS_KEYS, key.accessKeyId());
            writer.delete(Kind.KEY_USE, key.accessKeyId());
            writer.delete(Kind.USER_KEYS, IamReader.key(account, key.userName(), key.accessKeyId()));
            return null;
        });
        return null;
    }

    private static AccessKeyRecord ownedKey(IamReader reader, String account, String userName, String accessKeyId)
    {
        Validation.required("accessKeyId", accessKeyId);
        Entities.user(reader, account, userName);
        return reader.get(Kind.ACCESS_KEYS, accessKeyId)
                .filter(key -> key.accountId().equals(account) && key.userName().equalsIgnoreCase(userName))
                .orElseThrow(() -> IamErrors.NO_SUCH_ENTITY.exception("The Access Key with id " + accessKeyId + " cannot be found"));
    }

    private GetAccessKeyLastUsedResult getAccessKeyLastUsed(RequestContext context, GetAccessKeyLastUsedRequest request)
    {
        String account = IamContext.account(context);
        AccessKeyRecord key = iam.store().read(reader -> reader.get(Kind.ACCESS_KEYS, Validation.required("accessKeyId", request.accessKeyId())))
                .filter(found -> found.accountId().equals(account))
                .orElseThrow(() -> CommonErrors.ACCESS_DENIED.exception("User: " + context.caller().arn()
                        + " is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key " + request.accessKeyId()));
        String userArn = iam.store().read(reader -> Entities.findUser(reader, account, key.userName()))
                .map(UserRecord::arn)
                .orElse(IamContext.arn(context, "user", "/", key.userName()));
        iam.authorize(context, "GetAccessKeyLastUsed", userArn);
        Optional<KeyUseRecord> used = usage.lastUse(key.accessKeyId());
        AccessKeyLastUsed lastUsed = used
                .map(use -> new AccessKeyLastUsed(Optional.of(use.date()), use.serviceName(), use.region()))
                .orElse(new AccessKeyLastUsed(Optional.empty(), "N/A", "N/A"));
        return new GetAccessKeyLastUsedResult(key.userName(), lastUsed);
    }
}
