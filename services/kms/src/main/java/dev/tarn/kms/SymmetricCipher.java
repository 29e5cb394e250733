package dev.tarn.kms;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * SYMMETRIC_DEFAULT encryption: AES-256-GCM under one version of a key's material, with the blob
 * header and the encryption context as additional authenticated data. Thread-safe.
 */
final class SymmetricCipher
{
    private final SecureRandom random;

    SymmetricCipher(SecureRandom random)
    {
        this.random = requireNonNull(random, "random is null");
    }

    CiphertextBlob encrypt(KeyRecord key, KeyMaterial material, byte[] materialPlaintext, byte[] plaintext, Map<String, String> context)
    {
        byte[] nonce = new byte[CiphertextBlob.NONCE_BYTES];
        random.nextBytes(nonce);
        CiphertextBlob unsealed = new CiphertextBlob(key.accountId(), key.keyId(), material.version(), nonce, new byte[CiphertextBlob.TAG_BYTES]);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(materialPlaintext, "AES"), new GCMParameterSpec(CiphertextBlob.TAG_BYTES * 8, nonce));
            cipher.updateAAD(unsealed.header());
            cipher.updateAAD(EncryptionContexts.canonical(context));
            return new CiphertextBlob(key.accountId(), key.keyId(), material.version(), nonce, cipher.doFinal(plaintext));
        }
        catch (GeneralSecurityException e) {
            // AES-GCM is a required algorithm of every Java platform and the inputs are checked
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The plaintext, or empty when the blob was altered or the context is not the one it was made with. */
    Optional<byte[]> decrypt(CiphertextBlob blob, byte[] materialPlaintext, Map<String, String> context)
    {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(materialPlaintext, "AES"), new GCMParameterSpec(CiphertextBlob.TAG_BYTES * 8, blob.nonce()));
            cipher.updateAAD(blob.header());
            cipher.updateAAD(EncryptionContexts.canonical(context));
            return Optional.of(cipher.doFinal(blob.sealed()));
        }
        catch (AEADBadTagException e) {
            return Optional.empty();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }
}
