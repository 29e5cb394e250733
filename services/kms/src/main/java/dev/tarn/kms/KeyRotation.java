package dev.tarn.kms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Rotation: a new version of a key's material becomes current; the old versions stay, so what
 * they encrypted still decrypts. Automatic rotation is applied when a key with rotation enabled
 * is next used to encrypt at or after its rotation date, rather than by a timer: the effect is
 * the same for every ciphertext, since only new ciphertexts use the new material.
 */
final class KeyRotation
{
    static final int MAX_ON_DEMAND_ROTATIONS = 10;

    private final Keys keys;
    private final KeyMaterials materials;
    private final Clock clock;

    KeyRotation(Keys keys, KeyMaterials materials, Clock clock)
    {
        this.keys = requireNonNull(keys, "keys is null");
        this.materials = requireNonNull(materials, "materials is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The key as it is to encrypt now: rotated first if automatic rotation is due. */
    KeyRecord rotatedIfDue(KeyRecord key)
    {
        if (!isDue(key, clock.instant())) {
            return key;
        }
        return keys.update(key, current -> isDue(current, clock.instant()) ? withNewMaterial(current, false) : current);
    }

    /** RotateKeyOnDemand: a new material version now, at most {@value #MAX_ON_DEMAND_ROTATIONS} times per key. */
    KeyRecord rotateNow(KeyRecord key)
    {
        return keys.update(key, current -> {
            Keys.requireEnabled(current);
            if (current.onDemandRotations() >= MAX_ON_DEMAND_ROTATIONS) {
                throw KmsErrors.LIMIT_EXCEEDED.exception("The on-demand rotations limit has been reached for the given KMS key: " + current.arn());
            }
            return withNewMaterial(current, true);
        });
    }

    Optional<Instant> nextRotationDate(int periodInDays)
    {
        return Optional.of(clock.instant().plus(Duration.ofDays(periodInDays)));
    }

    private KeyRecord withNewMaterial(KeyRecord key, boolean onDemand)
    {
        Instant now = clock.instant();
        KeyMaterial material = materials.create(key.accountId(), key.keyId(), key.currentMaterial().version() + 1, now,
                Optional.of(onDemand ? "ON_DEMAND" : "AUTOMATIC"));
        // an on-demand rotation leaves the automatic schedule as it was
        Optional<Instant> next = onDemand ? key.nextRotationDate() : Optional.of(now.plus(Duration.ofDays(key.rotationPeriodInDays())));
        return key.withNewMaterial(material, onDemand, next);
    }

    private static boolean isDue(KeyRecord key, Instant now)
    {
        return key.state() == KeyState.Enabled && key.rotationEnabled() && key.nextRotationDate().map(date -> !now.isBefore(date)).orElse(false);
    }
}
