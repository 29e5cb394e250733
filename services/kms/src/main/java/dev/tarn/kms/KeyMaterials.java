package dev.tarn.kms;

import dev.tarn.storage.blob.DataKey;
import dev.tarn.storage.crypto.KeyUnwrapException;
import dev.tarn.storage.crypto.KeyWrapper;
import dev.tarn.storage.crypto.MasterKey;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.StoredDocument;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Creates and opens key material. Material is only ever stored wrapped by a key-encryption key,
 * with the key's account, id and material version as the wrapping context, so a wrapped key
 * moved to another key record or version does not open.
 *
 * <p>With the installation's {@link MasterKey}, the key-encryption key is a KMS domain key: made
 * once from the master key, stored wrapped by it (document {@code kms.domain/key-encryption-key}),
 * unwrapped at start. Losing the master key loses every KMS key, as it loses every SSE-S3 object.
 */
final class KeyMaterials
{
    static final String DOMAIN_COLLECTION = "kms.domain";
    static final String DOMAIN_KEY_ID = "key-encryption-key";
    static final int MATERIAL_BYTES = 32;

    private final KeyWrapper wrapper;
    private final SecureRandom random;

    KeyMaterials(KeyWrapper wrapper, SecureRandom random)
    {
        this.wrapper = requireNonNull(wrapper, "wrapper is null");
        this.random = requireNonNull(random, "random is null");
    }

    /** The material under the domain key of {@code metadata}, creating the domain key the first time. */
    static KeyMaterials fromMasterKey(MasterKey masterKey, MetadataStore metadata, KmsStore store, SecureRandom random)
    {
        requireNonNull(masterKey, "masterKey is null");
        byte[] wrapped = metadata.write(transaction -> {
            Optional<StoredDocument> existing = transaction.document(DOMAIN_COLLECTION, DOMAIN_KEY_ID);
            if (existing.isPresent()) {
                return store.read(existing.get(), DomainKey.class).wrapped();
            }
            DataKey created = masterKey.newDataKey();
            transaction.putDocument(new StoredDocument(DOMAIN_COLLECTION, DOMAIN_KEY_ID, store.write(new DomainKey(created.wrapped()))));
            return created.wrapped();
        });
        byte[] domainKey;
        try {
            domainKey = masterKey.unwrap(wrapped);
        }
        catch (KeyUnwrapException e) {
            throw new IllegalStateException("the KMS domain key does not unwrap under this master key: the data directory and the master key do not belong together", e);
        }
        try {
            return new KeyMaterials(new KeyWrapper(domainKey, random), random);
        }
        finally {
            Arrays.fill(domainKey, (byte) 0);
        }
    }

    /** Fresh random material for a key version, wrapped. */
    KeyMaterial create(String accountId, String keyId, int version, Instant createdAt, Optional<String> rotationType)
    {
        return random(accountId, keyId, version, createdAt, rotationType, MATERIAL_BYTES);
    }

    /** Fresh random material of a given size (an HMAC key's), wrapped. */
    KeyMaterial random(String accountId, String keyId, int version, Instant createdAt, Optional<String> rotationType, int bytes)
    {
        byte[] material = new byte[bytes];
        random.nextBytes(material);
        try {
            return wrap(accountId, keyId, version, createdAt, rotationType, material);
        }
        finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** Given material (an asymmetric key's PKCS#8 private key), wrapped; the caller zeroes its copy. */
    KeyMaterial wrap(String accountId, String keyId, int version, Instant createdAt, Optional<String> rotationType, byte[] material)
    {
        return new KeyMaterial(version, wrapper.wrap(material, context(accountId, keyId, version)), createdAt, rotationType);
    }

    /** The plaintext of one version of a key's material; the caller zeroes it after use. */
    byte[] open(KeyRecord key, KeyMaterial material)
    {
        try {
            return wrapper.unwrap(material.wrapped(), context(key.accountId(), key.keyId(), material.version()));
        }
        catch (KeyUnwrapException e) {
            throw new IllegalStateException("key material of " + key.arn() + " version " + material.version() + " does not unwrap", e);
        }
    }

    /** The stored form of the domain key: wrapped by the master key. */
    record DomainKey(byte[] wrapped) {}

    private static byte[] context(String accountId, String keyId, int version)
    {
        return ("tarn-kms-material/" + accountId + "/" + keyId + "/" + version).getBytes(StandardCharsets.UTF_8);
    }
}
