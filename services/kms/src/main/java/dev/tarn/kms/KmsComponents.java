package dev.tarn.kms;

import dev.tarn.storage.meta.MetadataStore;

import java.security.SecureRandom;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** What the operation classes of the service share. */
record KmsComponents(MetadataStore metadata, KmsStore store, Keys keys, KeyAccess access, KeyMaterials materials, KeyRotation rotation, SymmetricCipher cipher,
        AsymmetricCrypto asymmetric, SecureRandom random, Clock clock, String region)
{
    KmsComponents
    {
        requireNonNull(metadata, "metadata is null");
        requireNonNull(store, "store is null");
        requireNonNull(keys, "keys is null");
        requireNonNull(access, "access is null");
        requireNonNull(materials, "materials is null");
        requireNonNull(rotation, "rotation is null");
        requireNonNull(cipher, "cipher is null");
        requireNonNull(asymmetric, "asymmetric is null");
        requireNonNull(random, "random is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(region, "region is null");
    }
}
