package dev.tarn.kms;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One version of a key's material, as stored: only wrapped (by {@link KeyMaterials}), never in
 * the clear. Rotation adds a version and keeps the old ones so their ciphertexts still decrypt.
 *
 * @param version numbered from 1; ciphertext blobs name the version they were made with
 * @param wrapped the 32-byte AES key, wrapped under the service's key-encryption key
 * @param rotationType how this version came about: AUTOMATIC or ON_DEMAND; empty for the first
 */
public record KeyMaterial(int version, byte[] wrapped, Instant createdAt, Optional<String> rotationType)
{
    public KeyMaterial
    {
        if (version < 1) {
            throw new IllegalArgumentException("material versions start at 1");
        }
        wrapped = requireNonNull(wrapped, "wrapped is null").clone();
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(rotationType, "rotationType is null");
    }

    @Override
    public byte[] wrapped()
    {
        return wrapped.clone();
    }
}
