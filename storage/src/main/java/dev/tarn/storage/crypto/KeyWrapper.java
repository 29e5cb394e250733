package dev.tarn.storage.crypto;

import dev.tarn.storage.blob.DataKey;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Wraps (encrypts) keys under a 256-bit key-encryption key with AES-256-GCM. The master key
 * wraps the data keys of SSE-S3 objects with it; KMS keys and SSE-C customer keys wrap data keys
 * the same way.
 *
 * <p>Wrapped format, version 1: {@code 0x01 | nonce (12 random bytes) | AES-GCM ciphertext of the
 * key | tag (16 bytes)}, with the version byte and the caller's context (for example a KMS
 * encryption context; empty if none) as additional authenticated data, so a wrapped key opens
 * only under the same key-encryption key and the same context. Random nonces are safe here:
 * each key-encryption key wraps far fewer than the 2^32 keys at which they could collide.
 *
 * <p>Thread-safe.
 */
public final class KeyWrapper
{
    public static final int KEY_BYTES = 32;
    static final byte FORMAT_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final byte[] NO_CONTEXT = new byte[0];

    private final SecretKeySpec keyEncryptionKey;
    private final SecureRandom random;

    public KeyWrapper(byte[] keyEncryptionKey, SecureRandom random)
    {
        requireNonNull(keyEncryptionKey, "keyEncryptionKey is null");
        if (keyEncryptionKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("key-encryption keys are 256 bits, got " + keyEncryptionKey.length * 8);
        }
        this.keyEncryptionKey = new SecretKeySpec(keyEncryptionKey, "AES");
        this.random = requireNonNull(random, "random is null");
    }

    public KeyWrapper(byte[] keyEncryptionKey)
    {
        this(keyEncryptionKey, new SecureRandom());
    }

    /** A new random data key, wrapped under this key in the given context. */
    public DataKey newDataKey(byte[] context)
    {
        byte[] plaintext = new byte[KEY_BYTES];
        random.nextBytes(plaintext);
        try {
            return new DataKey(plaintext, wrap(plaintext, context));
        }
        finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    public DataKey newDataKey()
    {
        return newDataKey(NO_CONTEXT);
    }

    public byte[] wrap(byte[] key)
    {
        return wrap(key, NO_CONTEXT);
    }

    public byte[] wrap(byte[] key, byte[] context)
    {
        requireNonNull(key, "key is null");
        requireNonNull(context, "context is null");
        byte[] wrapped = new byte[1 + NONCE_BYTES + key.length + TAG_BYTES];
        wrapped[0] = FORMAT_VERSION;
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, wrapped, 1, NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(wrapped, 0, 1);
            cipher.updateAAD(context);
            cipher.doFinal(key, 0, key.length, wrapped, 1 + NONCE_BYTES);
        }
        catch (GeneralSecurityException e) {
            // AES-GCM is a required algorithm of every Java platform and the inputs are checked
            throw new IllegalStateException("AES-GCM key wrapping failed", e);
        }
        return wrapped;
    }

    public byte[] unwrap(byte[] wrapped)
            throws KeyUnwrapException
    {
        return unwrap(wrapped, NO_CONTEXT);
    }

    public byte[] unwrap(byte[] wrapped, byte[] context)
            throws KeyUnwrapException
    {
        requireNonNull(wrapped, "wrapped is null");
        requireNonNull(context, "context is null");
        if (wrapped.length < 1 + NONCE_BYTES + TAG_BYTES) {
            throw new KeyUnwrapException("wrapped key is too short");
        }
        if (wrapped[0] != FORMAT_VERSION) {
            throw new KeyUnwrapException("unknown wrapped key format version " + (wrapped[0] & 0xff));
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BYTES * 8, wrapped, 1, NONCE_BYTES));
            cipher.updateAAD(wrapped, 0, 1);
            cipher.updateAAD(context);
            return cipher.doFinal(wrapped, 1 + NONCE_BYTES, wrapped.length - 1 - NONCE_BYTES);
        }
        catch (AEADBadTagException e) {
            throw new KeyUnwrapException("wrapped key does not open under this key (wrong key, wrong context or altered bytes)", e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM key unwrapping failed", e);
        }
    }

    @Override
    public String toString()
    {
        return "KeyWrapper[AES-256-GCM]";
    }
}
