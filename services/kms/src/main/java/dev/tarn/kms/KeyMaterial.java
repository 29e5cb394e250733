package dev.tarn.kms;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One version of a key's material, as stored: only wrapped (by {@link KeyMaterials}), never in
 * the clear. Rotation adds a version and keeps the old ones so their ciphertexts still decrypt.
 *
 * @param version numbered from 1; ciphertext blobs name the version they were made with
 * @param wrapped the 32-byte AES key, wrapped under the service's key-encryption key
 * @param rotationType how this version came about: {@code null} for the first, else AUTOMATIC or ON_DEMAND
 */
public record KeyMaterial(int version, byte[] wrapped, Instant createdAt, String rotationType)
{
    public KeyMaterial
    {
        if (version < 1) {
            throw new IllegalArgumentException("material versions start at 1");
        }
        wrapped = requireNonNull(wrapped, "wrapped is null").clone();
        requireNonNull(createdAt, "createdAt is null");
    }

    @Override
    public byte[] wrapped()
    {
        return wrapped.clone();
    }
}
