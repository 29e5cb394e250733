package dev.tarn.kms;

import dev.tarn.kms.KmsShapes.AliasListEntry;
import dev.tarn.kms.KmsShapes.AliasRequest;
import dev.tarn.kms.KmsShapes.ListAliasesRequest;
import dev.tarn.kms.KmsShapes.ListAliasesResponse;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * CreateAlias, UpdateAlias, DeleteAlias, ListAliases. As on AWS, changing an alias needs
 * kms:CreateAlias / kms:UpdateAlias / kms:DeleteAlias on the alias ARN and on each key involved
 * (both decided by the authorizer, with the key's policy for the key).
 */
final class AliasOperations
{
    static final int MAX_ALIASES_PER_ACCOUNT = 1000;
    private static final Pattern ALIAS_NAME = Pattern.compile("alias/[a-zA-Z0-9/_-]+");
    private static final String RESERVED_PREFIX = "alias/aws/";

    private final KmsComponents kms;

    AliasOperations(KmsComponents kms)
    {
        this.kms = requireNonNull(kms, "kms is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateAlias", AliasRequest.class, this::createAlias));
        registry.operation(new ActionOperation<>("UpdateAlias", AliasRequest.class, this::updateAlias));
        registry.operation(new ActionOperation<>("DeleteAlias", AliasRequest.class, this::deleteAlias));
        registry.operation(new ActionOperation<>("ListAliases", ListAliasesRequest.class, this::listAliases));
    }

    Void createAlias(RequestContext context, AliasRequest request)
    {
        String aliasName = aliasName(request.aliasName());
        if (aliasName.startsWith(RESERVED_PREFIX)) {
            throw KmsErrors.INVALID_ALIAS_NAME.exception("Alias names beginning with " + RESERVED_PREFIX + " are reserved for AWS managed keys");
        }
        KeyRecord key = kms.keys().resolve(context, request.targetKeyId(), false);
        String accountId = context.caller().accountId();
        if (!key.accountId().equals(accountId)) {
            throw KmsErrors.NOT_FOUND.exception("An alias must target a key of its own account");
        }
        authorizeOnAlias(context, "CreateAlias", accountId, aliasName);
        kms.access().authorize(context, "CreateAlias", key);
        Keys.requireNotPendingDeletion(key);
        Instant now = kms.clock().instant();
        kms.metadata().write(transaction -> {
            if (kms.store().alias(transaction, accountId, aliasName).isPresent()) {
                throw KmsErrors.ALREADY_EXISTS.exception("An alias with the name " + KeyArns.aliasArn(kms.region(), accountId, aliasName) + " already exists");
            }
            KeyRecord current = kms.keys().find(transaction, accountId, key.keyId()).orElseThrow(() -> kms.keys().notFound(accountId, key.keyId()));
            Keys.requireNotPendingDeletion(current);
            if (kms.store().aliases(transaction, accountId, Optional.empty(), MAX_ALIASES_PER_ACCOUNT).size() >= MAX_ALIASES_PER_ACCOUNT) {
                throw KmsErrors.LIMIT_EXCEEDED.exception("An account can have at most " + MAX_ALIASES_PER_ACCOUNT + " aliases in a region");
            }
            kms.store().putAlias(transaction, new AliasRecord(accountId, aliasName, key.keyId(), now, now));
            return null;
        });
        return null;
    }

    Void updateAlias(RequestContext context, AliasRequest request)
    {
        String aliasName = aliasName(request.aliasName());
        String accountId = context.caller().accountId();
        AliasRecord alias = existing(accountId, aliasName);
        KeyRecord newTarget = kms.keys().resolve(context, request.targetKeyId(), false);
        if (!newTarget.accountId().equals(accountId)) {
            throw KmsErrors.NOT_FOUND.exception("An alias must target a key of its own account");
        }
        authorizeOnAlias(context, "UpdateAlias", accountId, aliasName);
        authorizeOnKey(context, "UpdateAlias", accountId, alias.targetKeyId());
        kms.access().authorize(context, "UpdateAlias", newTarget);
        Keys.requireNotPendingDeletion(newTarget);
        kms.metadata().write(transaction -> {
            AliasRecord current = kms.store().alias(transaction, accountId, aliasName).orElseThrow(() -> aliasNotFound(accountId, aliasName));
            KeyRecord target = kms.keys().find(transaction, accountId, newTarget.keyId()).orElseThrow(() -> kms.keys().notFound(accountId, newTarget.keyId()));
            Keys.requireNotPendingDeletion(target);
            kms.store().putAlias(transaction, new AliasRecord(accountId, aliasName, target.keyId(), current.creationDate(), kms.clock().instant()));
            return null;
        });
        return null;
    }

    Void deleteAlias(RequestContext context, AliasRequest request)
    {
        String aliasName = aliasName(request.aliasName());
        String accountId = context.caller().accountId();
        AliasRecord alias = existing(accountId, aliasName);
        authorizeOnAlias(context, "DeleteAlias", accountId, aliasName);
        authorizeOnKey(context, "DeleteAlias", accountId, alias.targetKeyId());
        kms.metadata().write(transaction -> {
            AliasRecord current = kms.store().alias(transaction, accountId, aliasName).orElseThrow(() -> aliasNotFound(accountId, aliasName));
            kms.store().deleteAlias(transaction, current);
            return null;
        });
        return null;
    }

    ListAliasesResponse listAliases(RequestContext context, ListAliasesRequest request)
    {
        int limit = Paging.limit(request.limit(), 50);
        Optional<String> after = Paging.after(request.marker());
        String accountId = context.caller().accountId();
        Optional<KeyRecord> key = request.keyId().map(keyId -> kms.keys().resolve(context, Optional.of(keyId), false));
        if (key.isPresent() && !key.get().accountId().equals(accountId)) {
            throw KmsErrors.NOT_FOUND.exception("Aliases of another account's key are not listed");
        }
        if (key.isPresent()) {
            kms.access().authorize(context, "ListAliases", key.get());
        }
        else {
            kms.access().authorizeAccount(context, "ListAliases");
        }
        List<AliasRecord> matching = kms.metadata().read(reader -> key.isPresent()
                ? kms.store().aliasesOf(reader, accountId, key.get().keyId()).stream()
                        .filter(alias -> after.map(marker -> alias.aliasName().compareTo(marker) > 0).orElse(true))
                        .limit(limit + 1L)
                        .toList()
                : kms.store().aliases(reader, accountId, after, limit + 1));
        Paging.Page<AliasRecord> page = Paging.Page.of(matching, limit);
        List<AliasListEntry> entries = page.items().stream()
                .map(alias -> new AliasListEntry(alias.aliasName(), KeyArns.aliasArn(kms.region(), accountId, alias.aliasName()), alias.targetKeyId(),
                        alias.creationDate(), alias.lastUpdatedDate()))
                .toList();
        Optional<String> next = page.truncated() ? Optional.of(Paging.marker(page.items().get(page.items().size() - 1).aliasName())) : Optional.empty();
        return new ListAliasesResponse(entries, next, page.truncated());
    }

    private AliasRecord existing(String accountId, String aliasName)
    {
        return kms.metadata().read(reader -> kms.store().alias(reader, accountId, aliasName)).orElseThrow(() -> aliasNotFound(accountId, aliasName));
    }

    private void authorizeOnAlias(RequestContext context, String operation, String accountId, String aliasName)
    {
        kms.access().authorizeResource(context, operation, KeyArns.aliasArn(kms.region(), accountId, aliasName), accountId);
    }

    /** Authorizes on an alias's current target, if it still exists (an alias of a deleted key can still be removed). */
    private void authorizeOnKey(RequestContext context, String operation, String accountId, String keyId)
    {
        kms.metadata().read(reader -> kms.keys().find(reader, accountId, keyId))
                .ifPresent(key -> kms.access().authorize(context, operation, key));
    }

    private AwsException aliasNotFound(String accountId, String aliasName)
    {
        return KmsErrors.NOT_FOUND.exception("Alias " + KeyArns.aliasArn(kms.region(), accountId, aliasName) + " is not found.");
    }

    private static String aliasName(Optional<String> aliasName)
    {
        String name = Keys.required(aliasName, "aliasName");
        if (name.length() > 256) {
            throw KmsErrors.validation("aliasName", "Member must have length less than or equal to 256");
        }
        if (!ALIAS_NAME.matcher(name).matches()) {
            throw KmsErrors.VALIDATION.exception("Alias must start with the prefix \"alias/\" and contain only alphanumeric characters, '/', '_' or '-': " + name);
        }
        return name;
    }
}
