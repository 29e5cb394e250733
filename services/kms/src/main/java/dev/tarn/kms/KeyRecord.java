package dev.tarn.kms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A customer key as stored (document {@code kms.keys/<account>/<keyId>}). Immutable: changes
 * make a new record.
 *
 * @param deletionDate when a key pending deletion is deleted
 * @param pendingWindowInDays the waiting period ScheduleKeyDeletion asked for
 * @param nextRotationDate when automatic rotation is enabled, when it next rotates
 * @param onDemandRotations how many times RotateKeyOnDemand rotated the key (AWS allows 10)
 * @param keyManager CUSTOMER, or AWS for an AWS managed key ({@code alias/aws/<service>})
 * @param keySpec a {@link KeySpec} name (SYMMETRIC_DEFAULT for documents written before other specs)
 * @param keyUsage ENCRYPT_DECRYPT, SIGN_VERIFY or GENERATE_VERIFY_MAC
 * @param publicKey an asymmetric key's public key (DER SubjectPublicKeyInfo); its private key is the wrapped material
 */
public record KeyRecord(String accountId, String keyId, String region, Instant creationDate, String description, KeyState state,
        Optional<Instant> deletionDate, Optional<Integer> pendingWindowInDays, String policy, List<Tag> tags,
        boolean rotationEnabled, int rotationPeriodInDays, Optional<Instant> nextRotationDate, int onDemandRotations,
        List<KeyMaterial> materials, KeyManager keyManager, String keySpec, String keyUsage, Optional<byte[]> publicKey)
{
    public static final int DEFAULT_ROTATION_PERIOD_DAYS = 365;

    public KeyRecord
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(keyId, "keyId is null");
        requireNonNull(region, "region is null");
        requireNonNull(creationDate, "creationDate is null");
        requireNonNull(description, "description is null");
        requireNonNull(state, "state is null");
        requireNonNull(deletionDate, "deletionDate is null");
        requireNonNull(pendingWindowInDays, "pendingWindowInDays is null");
        requireNonNull(policy, "policy is null");
        tags = List.copyOf(tags);
        requireNonNull(nextRotationDate, "nextRotationDate is null");
        materials = materials.stream().sorted(Comparator.comparingInt(KeyMaterial::version)).toList();
        if (materials.isEmpty()) {
            throw new IllegalArgumentException("a key has material");
        }
        // documents written before keys had a manager hold only customer keys
        keyManager = keyManager == null ? KeyManager.CUSTOMER : keyManager;
        keySpec = keySpec == null ? KeySpec.SYMMETRIC_DEFAULT.name() : keySpec;
        keyUsage = keyUsage == null ? KeySpec.ENCRYPT_DECRYPT : keyUsage;
        publicKey = publicKey == null ? Optional.empty() : publicKey.map(byte[]::clone);
    }

    /** A symmetric encryption key (the only kind before asymmetric and HMAC keys). */
    public KeyRecord(String accountId, String keyId, String region, Instant creationDate, String description, KeyState state,
            Optional<Instant> deletionDate, Optional<Integer> pendingWindowInDays, String policy, List<Tag> tags,
            boolean rotationEnabled, int rotationPeriodInDays, Optional<Instant> nextRotationDate, int onDemandRotations,
            List<KeyMaterial> materials, KeyManager keyManager)
    {
        this(accountId, keyId, region, creationDate, description, state, deletionDate, pendingWindowInDays, policy, tags, rotationEnabled,
                rotationPeriodInDays, nextRotationDate, onDemandRotations, materials, keyManager, KeySpec.SYMMETRIC_DEFAULT.name(),
                KeySpec.ENCRYPT_DECRYPT, Optional.empty());
    }

    @Override
    public Optional<byte[]> publicKey()
    {
        return publicKey.map(byte[]::clone);
    }

    KeySpec spec()
    {
        return KeySpec.named(keySpec).orElseThrow(() -> new IllegalStateException("unknown key spec " + keySpec + " of " + arn()));
    }

    public boolean isAwsManaged()
    {
        return keyManager == KeyManager.AWS;
    }

    public String arn()
    {
        return KeyArns.keyArn(region, accountId, keyId);
    }

    /** The material new ciphertexts are made with. */
    public KeyMaterial currentMaterial()
    {
        return materials.get(materials.size() - 1);
    }

    public Optional<KeyMaterial> material(int version)
    {
        return materials.stream().filter(material -> material.version() == version).findFirst();
    }

    /** Whether a key pending deletion has reached its deletion date, so it no longer exists. */
    public boolean isDeletedAt(Instant now)
    {
        return state == KeyState.PendingDeletion && deletionDate.map(date -> !now.isBefore(date)).orElse(false);
    }

    public KeyRecord withState(KeyState newState, Optional<Instant> newDeletionDate, Optional<Integer> newPendingWindow)
    {
        return new KeyRecord(accountId, keyId, region, creationDate, description, newState, newDeletionDate, newPendingWindow, policy, tags,
                rotationEnabled, rotationPeriodInDays, nextRotationDate, onDemandRotations, materials, keyManager, keySpec, keyUsage, publicKey);
    }

    public KeyRecord withPolicy(String newPolicy)
    {
        return new KeyRecord(accountId, keyId, region, creationDate, description, state, deletionDate, pendingWindowInDays, newPolicy, tags,
                rotationEnabled, rotationPeriodInDays, nextRotationDate, onDemandRotations, materials, keyManager, keySpec, keyUsage, publicKey);
    }

    public KeyRecord withDescription(String newDescription)
    {
        return new KeyRecord(accountId, keyId, region, creationDate, newDescription, state, deletionDate, pendingWindowInDays, policy, tags,
                rotationEnabled, rotationPeriodInDays, nextRotationDate, onDemandRotations, materials, keyManager, keySpec, keyUsage, publicKey);
    }

    public KeyRecord withTags(List<Tag> newTags)
    {
        return new KeyRecord(accountId, keyId, region, creationDate, description, state, deletionDate, pendingWindowInDays, policy, newTags,
                rotationEnabled, rotationPeriodInDays, nextRotationDate, onDemandRotations, materials, keyManager, keySpec, keyUsage, publicKey);
    }

    public KeyRecord withRotation(boolean enabled, int periodInDays, Optional<Instant> next)
    {
        return new KeyRecord(accountId, keyId, region, creationDate, description, state, deletionDate, pendingWindowInDays, policy, tags,
                enabled, periodInDays, next, onDemandRotations, materials, keyManager, keySpec, keyUsage, publicKey);
    }

    /** This key with one more material version, which becomes the current one. */
    public KeyRecord withNewMaterial(KeyMaterial material, boolean onDemand, Optional<Instant> next)
    {
        List<KeyMaterial> newMaterials = new ArrayList<>(materials);
        newMaterials.add(material);
        return new KeyRecord(accountId, keyId, region, creationDate, description, state, deletionDate, pendingWindowInDays, policy, tags,
                rotationEnabled, rotationPeriodInDays, next, onDemandRotations + (onDemand ? 1 : 0), newMaterials, keyManager, keySpec, keyUsage, publicKey);
    }
}
