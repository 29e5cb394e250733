package dev.tarn.kms;

import dev.tarn.kms.KmsShapes.CreateGrantRequest;
import dev.tarn.kms.KmsShapes.CreateGrantResponse;
import dev.tarn.kms.KmsShapes.GrantConstraints;
import dev.tarn.kms.KmsShapes.GrantListEntry;
import dev.tarn.kms.KmsShapes.ListGrantsRequest;
import dev.tarn.kms.KmsShapes.ListGrantsResponse;
import dev.tarn.kms.KmsShapes.ListRetirableGrantsRequest;
import dev.tarn.kms.KmsShapes.RetireGrantRequest;
import dev.tarn.kms.KmsShapes.RevokeGrantRequest;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.storage.meta.MetadataReader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * CreateGrant, ListGrants, RetireGrant, RevokeGrant, ListRetirableGrants. Grants take effect at
 * once (there is no eventual consistency to bridge), so grant tokens in requests are accepted and
 * need not be presented; {@link KeyAccess} honours grants when authorizing.
 */
final class GrantOperations
{
    private static final Set<String> CRYPTOGRAPHIC_OPERATIONS = Set.of("Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
            "ReEncryptFrom", "ReEncryptTo", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext");
    private static final Pattern GRANT_NAME = Pattern.compile("[a-zA-Z0-9:/_-]{1,256}");
    private static final Pattern GRANT_ID = Pattern.compile("[0-9a-f]{64}");

    private final KmsComponents kms;

    GrantOperations(KmsComponents kms)
    {
        this.kms = requireNonNull(kms, "kms is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateGrant", CreateGrantRequest.class, this::createGrant));
        registry.operation(new ActionOperation<>("ListGrants", ListGrantsRequest.class, this::listGrants));
        registry.operation(new ActionOperation<>("RetireGrant", RetireGrantRequest.class, this::retireGrant));
        registry.operation(new ActionOperation<>("RevokeGrant", RevokeGrantRequest.class, this::revokeGrant));
        registry.operation(new ActionOperation<>("ListRetirableGrants", ListRetirableGrantsRequest.class, this::listRetirableGrants));
    }

    CreateGrantResponse createGrant(RequestContext context, CreateGrantRequest request)
    {
        String grantee = Keys.required(request.granteePrincipal(), "granteePrincipal");
        List<String> operations = request.operations().filter(list -> !list.isEmpty())
                .orElseThrow(() -> KmsErrors.validation("operations", "Member must have length greater than or equal to 1"));
        for (String operation : operations) {
            if (!KeyAccess.GRANT_OPERATIONS.contains(operation)) {
                throw KmsErrors.validation("operations", "Member must satisfy enum value set: " + KeyAccess.GRANT_OPERATIONS);
            }
        }
        Optional<Map<String, String>> subset = request.constraints().flatMap(GrantConstraints::encryptionContextSubset);
        Optional<Map<String, String>> equals = request.constraints().flatMap(GrantConstraints::encryptionContextEquals);
        if ((subset.isPresent() || equals.isPresent()) && !CRYPTOGRAPHIC_OPERATIONS.containsAll(operations)) {
            throw KmsErrors.VALIDATION.exception("Grant constraints are allowed only for cryptographic operations that take an encryption context");
        }
        request.name().filter(name -> !GRANT_NAME.matcher(name).matches()).ifPresent(name -> {
            throw KmsErrors.validation("name", "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
        });
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "CreateGrant", key);
        Keys.requireEnabled(key);
        if (request.dryRun().orElse(false)) {
            throw KmsErrors.DRY_RUN_OPERATION.exception();
        }
        return kms.metadata().write(transaction -> {
            KeyRecord current = kms.keys().find(transaction, key.accountId(), key.keyId()).orElseThrow(() -> kms.keys().notFound(key.accountId(), key.keyId()));
            Keys.requireEnabled(current);
            List<GrantRecord> existing = allGrants(transaction, current);
            // as on AWS, a repeated request with the same name and parameters returns the grant it made before
            for (GrantRecord grant : existing) {
                if (request.name().isPresent() && grant.name().equals(request.name()) && grant.granteePrincipal().equals(grantee)
                        && grant.retiringPrincipal().equals(request.retiringPrincipal()) && grant.operations().equals(operations)
                        && grant.encryptionContextSubset().equals(subset) && grant.encryptionContextEquals().equals(equals)) {
                    return new CreateGrantResponse(grant.token(), grant.grantId());
                }
            }
            String grantId = HexFormat.of().formatHex(randomBytes(32));
            String documentId = current.accountId() + "/" + current.keyId() + "/" + grantId;
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (documentId + ":" + HexFormat.of().formatHex(randomBytes(32))).getBytes(StandardCharsets.UTF_8));
            GrantRecord grant = new GrantRecord(current.accountId(), current.keyId(), grantId, request.name(), kms.clock().instant(), grantee,
                    request.retiringPrincipal(), "arn:aws:iam::" + current.accountId() + ":root", operations, subset, equals, token);
            kms.store().putGrant(transaction, grant);
            return new CreateGrantResponse(token, grantId);
        });
    }

    ListGrantsResponse listGrants(RequestContext context, ListGrantsRequest request)
    {
        int limit = Paging.limit(request.limit(), 50);
        Optional<String> after = Paging.after(request.marker());
        request.grantId().filter(id -> !GRANT_ID.matcher(id).matches()).ifPresent(id -> {
            throw KmsErrors.INVALID_GRANT_ID.exception("Invalid grant id: " + id);
        });
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "ListGrants", key);
        List<GrantRecord> matching = kms.metadata().read(reader -> {
            List<GrantRecord> found = new ArrayList<>();
            Optional<String> position = after;
            List<GrantRecord> page;
            do {
                page = kms.store().grants(reader, key.accountId(), key.keyId(), position, 1000);
                page.stream()
                        .filter(grant -> request.grantId().map(grant.grantId()::equals).orElse(true))
                        .filter(grant -> request.granteePrincipal().map(grant.granteePrincipal()::equals).orElse(true))
                        .forEach(found::add);
                position = page.isEmpty() ? position : Optional.of(page.get(page.size() - 1).grantId());
            }
            while (page.size() == 1000 && found.size() <= limit);
            return found;
        });
        Paging.Page<GrantRecord> page = Paging.Page.of(matching.subList(0, Math.min(matching.size(), limit + 1)), limit);
        Optional<String> next = page.truncated() ? Optional.of(Paging.marker(page.items().get(page.items().size() - 1).grantId())) : Optional.empty();
        return new ListGrantsResponse(page.items().stream().map(this::entry).toList(), next, page.truncated());
    }

    ListGrantsResponse listRetirableGrants(RequestContext context, ListRetirableGrantsRequest request)
    {
        int limit = Paging.limit(request.limit(), 50);
        Optional<String> after = Paging.after(request.marker());
        String principal = Keys.required(request.retiringPrincipal(), "retiringPrincipal");
        kms.access().authorizeAccount(context, "ListRetirableGrants");
        Paging.Page<GrantRecord> page = Paging.Page.of(
                kms.metadata().read(reader -> kms.store().retirableGrants(reader, principal, after, limit + 1)), limit);
        Optional<String> next = page.truncated()
                ? Optional.of(Paging.marker(KmsStore.grantDocumentId(page.items().get(page.items().size() - 1))))
                : Optional.empty();
        return new ListGrantsResponse(page.items().stream().map(this::entry).toList(), next, page.truncated());
    }

    Void retireGrant(RequestContext context, RetireGrantRequest request)
    {
        GrantRecord grant;
        if (request.grantToken().isPresent()) {
            grant = byToken(request.grantToken().get());
        }
        else {
            if (request.keyId().isEmpty() || request.grantId().isEmpty()) {
                throw KmsErrors.VALIDATION.exception("Either GrantToken, or both KeyId and GrantId, must be specified");
            }
            KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
            grant = byId(key, request.grantId().get());
        }
        Set<String> principals = KeyAccess.principalArns(context.caller());
        boolean retiring = grant.retiringPrincipal().map(principals::contains).orElse(false)
                || (principals.contains(grant.granteePrincipal()) && grant.operations().contains("RetireGrant"));
        if (!retiring) {
            KeyRecord key = kms.metadata().read(reader -> kms.keys().find(reader, grant.accountId(), grant.keyId()))
                    .orElseThrow(() -> kms.keys().notFound(grant.accountId(), grant.keyId()));
            kms.access().authorize(context, "RetireGrant", key);
        }
        if (request.dryRun().orElse(false)) {
            throw KmsErrors.DRY_RUN_OPERATION.exception();
        }
        delete(grant);
        return null;
    }

    Void revokeGrant(RequestContext context, RevokeGrantRequest request)
    {
        String grantId = Keys.required(request.grantId(), "grantId");
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "RevokeGrant", key);
        GrantRecord grant = byId(key, grantId);
        if (request.dryRun().orElse(false)) {
            throw KmsErrors.DRY_RUN_OPERATION.exception();
        }
        delete(grant);
        return null;
    }

    private GrantRecord byId(KeyRecord key, String grantId)
    {
        if (!GRANT_ID.matcher(grantId).matches()) {
            throw KmsErrors.INVALID_GRANT_ID.exception("Invalid grant id: " + grantId);
        }
        return kms.metadata().read(reader -> kms.store().grant(reader, key.accountId(), key.keyId(), grantId))
                .orElseThrow(() -> KmsErrors.NOT_FOUND.exception("Grant ID " + grantId + " not found"));
    }

    private GrantRecord byToken(String token)
    {
        AwsException invalid = KmsErrors.INVALID_GRANT_TOKEN.exception("Invalid grant token");
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw invalid;
        }
        String[] parts = decoded.split(":", 2)[0].split("/", 3);
        if (parts.length != 3) {
            throw invalid;
        }
        return kms.metadata().read(reader -> kms.store().grant(reader, parts[0], parts[1], parts[2]))
                .filter(grant -> grant.token().equals(token))
                .orElseThrow(() -> invalid);
    }

    private void delete(GrantRecord grant)
    {
        kms.metadata().write(transaction -> {
            kms.store().deleteGrant(transaction, grant);
            return null;
        });
    }

    private List<GrantRecord> allGrants(MetadataReader reader, KeyRecord key)
    {
        List<GrantRecord> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        List<GrantRecord> page;
        do {
            page = kms.store().grants(reader, key.accountId(), key.keyId(), after, 1000);
            all.addAll(page);
            after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).grantId());
        }
        while (page.size() == 1000);
        return all;
    }

    private GrantListEntry entry(GrantRecord grant)
    {
        Optional<GrantConstraints> constraints = grant.encryptionContextSubset().isPresent() || grant.encryptionContextEquals().isPresent()
                ? Optional.of(new GrantConstraints(grant.encryptionContextSubset(), grant.encryptionContextEquals()))
                : Optional.empty();
        return new GrantListEntry(KeyArns.keyArn(kms.region(), grant.accountId(), grant.keyId()), grant.grantId(), grant.name(), grant.creationDate(),
                grant.granteePrincipal(), grant.retiringPrincipal(), grant.issuingAccount(), grant.operations(), constraints);
    }

    private byte[] randomBytes(int count)
    {
        byte[] bytes = new byte[count];
        kms.random().nextBytes(bytes);
        return bytes;
    }
}
