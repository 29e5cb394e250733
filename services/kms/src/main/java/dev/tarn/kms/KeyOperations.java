package dev.tarn.kms;

import dev.tarn.kms.KmsShapes.CreateKeyRequest;
import dev.tarn.kms.KmsShapes.KeyIdRequest;
import dev.tarn.kms.KmsShapes.KeyIdResponse;
import dev.tarn.kms.KmsShapes.KeyListEntry;
import dev.tarn.kms.KmsShapes.KeyMetadata;
import dev.tarn.kms.KmsShapes.KeyMetadataResponse;
import dev.tarn.kms.KmsShapes.ListKeysRequest;
import dev.tarn.kms.KmsShapes.ListKeysResponse;
import dev.tarn.kms.KmsShapes.ScheduleKeyDeletionRequest;
import dev.tarn.kms.KmsShapes.ScheduleKeyDeletionResponse;
import dev.tarn.kms.KmsShapes.UpdateKeyDescriptionRequest;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** The life of a key: CreateKey, DescribeKey, ListKeys, Enable/DisableKey, Schedule/CancelKeyDeletion, UpdateKeyDescription. */
final class KeyOperations
{
    static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
    private static final Set<String> UNSUPPORTED_KEY_SPECS = Set.of("SM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ECC_NIST_EDWARDS25519");
    private static final Set<String> KEY_USAGES = Set.of("SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT", "ENCRYPT_DECRYPT");
    private static final Set<String> OTHER_ORIGINS = Set.of("EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE");
    private static final int MAX_DESCRIPTION = 8192;

    private final KmsComponents kms;

    KeyOperations(KmsComponents kms)
    {
        this.kms = requireNonNull(kms, "kms is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateKey", CreateKeyRequest.class, this::createKey));
        registry.operation(new ActionOperation<>("DescribeKey", KeyIdRequest.class, this::describeKey));
        registry.operation(new ActionOperation<>("ListKeys", ListKeysRequest.class, this::listKeys));
        registry.operation(new ActionOperation<>("EnableKey", KeyIdRequest.class, this::enableKey));
        registry.operation(new ActionOperation<>("DisableKey", KeyIdRequest.class, this::disableKey));
        registry.operation(new ActionOperation<>("ScheduleKeyDeletion", ScheduleKeyDeletionRequest.class, this::scheduleKeyDeletion));
        registry.operation(new ActionOperation<>("CancelKeyDeletion", KeyIdRequest.class, this::cancelKeyDeletion));
        registry.operation(new ActionOperation<>("UpdateKeyDescription", UpdateKeyDescriptionRequest.class, this::updateKeyDescription));
    }

    KeyMetadataResponse createKey(RequestContext context, CreateKeyRequest request)
    {
        String keySpecName = request.keySpec().or(request::customerMasterKeySpec).orElse(SYMMETRIC_DEFAULT);
        if (UNSUPPORTED_KEY_SPECS.contains(keySpecName)) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("KeySpec " + keySpecName + " is not supported");
        }
        KeySpec keySpec = KeySpec.named(keySpecName).orElseThrow(() -> KmsErrors.validation("keySpec", "Member must satisfy enum value set"));
        String keyUsage = request.keyUsage().orElse(keySpec.defaultKeyUsage());
        if (!KEY_USAGES.contains(keyUsage)) {
            throw KmsErrors.validation("keyUsage", "Member must satisfy enum value set: [SIGN_VERIFY, GENERATE_VERIFY_MAC, KEY_AGREEMENT, ENCRYPT_DECRYPT]");
        }
        if (!keySpec.keyUsages().contains(keyUsage)) {
            throw KmsErrors.VALIDATION.exception("KeyUsage " + keyUsage + " is not compatible with KeySpec " + keySpec);
        }
        String origin = request.origin().orElse("AWS_KMS");
        if (OTHER_ORIGINS.contains(origin)) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("Origin " + origin + " is not supported; only AWS_KMS is");
        }
        if (!origin.equals("AWS_KMS")) {
            throw KmsErrors.validation("origin", "Member must satisfy enum value set: [EXTERNAL, AWS_CLOUDHSM, EXTERNAL_KEY_STORE, AWS_KMS]");
        }
        if (request.customKeyStoreId().isPresent() || request.xksKeyId().isPresent()) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("Custom key stores are not supported");
        }
        if (request.multiRegion().orElse(false)) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("Multi-Region keys are not supported");
        }
        String description = request.description().orElse("");
        if (description.length() > MAX_DESCRIPTION) {
            throw KmsErrors.validation("description", "Member must have length less than or equal to " + MAX_DESCRIPTION);
        }
        List<Tag> tags = Tags.merge(List.of(), request.tags().orElse(List.of()));
        String accountId = context.caller().accountId();
        // the lockout safety check (that the policy lets the caller manage the key) is not made: BypassPolicyLockoutSafetyCheck is accepted either way
        String policy = request.policy().map(KeyPolicies::validate).orElseGet(() -> KeyPolicies.defaultPolicy(accountId));
        kms.access().authorizeAccount(context, "CreateKey");

        String keyId = UUID.randomUUID().toString();
        Instant now = kms.clock().instant();
        Optional<byte[]> publicKey = Optional.empty();
        KeyMaterial material;
        switch (keySpec.family()) {
            case SYMMETRIC -> material = kms.materials().create(accountId, keyId, 1, now, Optional.empty());
            case HMAC -> material = kms.materials().random(accountId, keyId, 1, now, Optional.empty(), keySpec.bits() / 8);
            default -> {
                KeyPair pair = kms.asymmetric().generate(keySpec);
                byte[] privateKey = pair.getPrivate().getEncoded();
                try {
                    material = kms.materials().wrap(accountId, keyId, 1, now, Optional.empty(), privateKey);
                }
                finally {
                    Arrays.fill(privateKey, (byte) 0);
                }
                publicKey = Optional.of(pair.getPublic().getEncoded());
            }
        }
        KeyRecord key = new KeyRecord(accountId, keyId, kms.region(), now, description, KeyState.Enabled, Optional.empty(), Optional.empty(),
                policy, tags, false, KeyRecord.DEFAULT_ROTATION_PERIOD_DAYS, Optional.empty(), 0, List.of(material), KeyManager.CUSTOMER,
                keySpec.name(), keyUsage, publicKey);
        kms.metadata().write(transaction -> {
            kms.store().putKey(transaction, key);
            return null;
        });
        return new KeyMetadataResponse(metadata(key));
    }

    KeyMetadataResponse describeKey(RequestContext context, KeyIdRequest request)
    {
        KeyRecord key = kms.keys().resolve(context, request.keyId(), true);
        kms.access().authorize(context, "DescribeKey", key);
        return new KeyMetadataResponse(metadata(key));
    }

    ListKeysResponse listKeys(RequestContext context, ListKeysRequest request)
    {
        int limit = Paging.limit(request.limit(), 1000);
        Optional<String> after = Paging.after(request.marker());
        kms.access().authorizeAccount(context, "ListKeys");
        Instant now = kms.clock().instant();
        Paging.Page<KeyRecord> page = Paging.Page.of(kms.metadata().read(reader ->
                kms.store().keys(reader, context.caller().accountId(), after, limit + 1)), limit);
        List<KeyListEntry> entries = page.items().stream()
                .filter(key -> !key.isDeletedAt(now))
                .map(key -> new KeyListEntry(key.keyId(), key.arn()))
                .toList();
        Optional<String> next = page.truncated() ? Optional.of(Paging.marker(page.items().get(page.items().size() - 1).keyId())) : Optional.empty();
        return new ListKeysResponse(entries, next, page.truncated());
    }

    Void enableKey(RequestContext context, KeyIdRequest request)
    {
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "EnableKey", key);
        kms.keys().update(key, current -> {
            Keys.requireNotPendingDeletion(current);
            return current.state() == KeyState.Enabled ? current : current.withState(KeyState.Enabled, Optional.empty(), Optional.empty());
        });
        return null;
    }

    Void disableKey(RequestContext context, KeyIdRequest request)
    {
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "DisableKey", key);
        kms.keys().update(key, current -> {
            Keys.requireNotPendingDeletion(current);
            return current.state() == KeyState.Disabled ? current : current.withState(KeyState.Disabled, Optional.empty(), Optional.empty());
        });
        return null;
    }

    ScheduleKeyDeletionResponse scheduleKeyDeletion(RequestContext context, ScheduleKeyDeletionRequest request)
    {
        int days = request.pendingWindowInDays().orElse(30);
        if (days < 7 || days > 30) {
            throw KmsErrors.VALIDATION.exception("PendingWindowInDays value " + days + " is not valid. It must be between 7 and 30 days.");
        }
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "ScheduleKeyDeletion", key);
        Instant deletionDate = kms.clock().instant().plus(Duration.ofDays(days));
        KeyRecord scheduled = kms.keys().update(key, current -> {
            Keys.requireNotPendingDeletion(current);
            return current.withState(KeyState.PendingDeletion, Optional.of(deletionDate), Optional.of(days));
        });
        return new ScheduleKeyDeletionResponse(scheduled.arn(), deletionDate, scheduled.state().name(), days);
    }

    KeyIdResponse cancelKeyDeletion(RequestContext context, KeyIdRequest request)
    {
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "CancelKeyDeletion", key);
        KeyRecord cancelled = kms.keys().update(key, current -> {
            if (current.state() != KeyState.PendingDeletion) {
                throw Keys.invalidState(current);
            }
            // as on AWS, a key whose deletion is cancelled is disabled until enabled again
            return current.withState(KeyState.Disabled, Optional.empty(), Optional.empty());
        });
        return new KeyIdResponse(cancelled.arn());
    }

    Void updateKeyDescription(RequestContext context, UpdateKeyDescriptionRequest request)
    {
        String description = Keys.required(request.description(), "description");
        if (description.length() > MAX_DESCRIPTION) {
            throw KmsErrors.validation("description", "Member must have length less than or equal to " + MAX_DESCRIPTION);
        }
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "UpdateKeyDescription", key);
        kms.keys().update(key, current -> {
            Keys.requireNotPendingDeletion(current);
            return current.withDescription(description);
        });
        return null;
    }

    static KeyMetadata metadata(KeyRecord key)
    {
        KeySpec spec = key.spec();
        // only symmetric encryption keys report a material id (their material rotates)
        Optional<String> materialId = spec == KeySpec.SYMMETRIC_DEFAULT ? Optional.of(materialId(key, key.currentMaterial())) : Optional.empty();
        return new KeyMetadata(key.accountId(), key.keyId(), key.arn(), key.creationDate(), key.state() == KeyState.Enabled, key.description(),
                key.keyUsage(), key.state().name(), key.deletionDate(), "AWS_KMS", key.keyManager().name(), spec.name(), spec.name(),
                nonEmpty(spec.encryptionAlgorithms(key.keyUsage())), nonEmpty(spec.signingAlgorithms(key.keyUsage())), nonEmpty(spec.macAlgorithms()),
                false, key.pendingWindowInDays(), materialId);
    }

    static Optional<List<String>> nonEmpty(List<String> values)
    {
        return values.isEmpty() ? Optional.empty() : Optional.of(values);
    }

    /** The id KMS reports for one version of a key's material: a digest that reveals nothing of it. */
    static String materialId(KeyRecord key, KeyMaterial material)
    {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((key.accountId() + "/" + key.keyId() + "/" + material.version()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required algorithm", e);
        }
    }
}
