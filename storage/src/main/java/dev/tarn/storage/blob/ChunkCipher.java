package dev.tarn.storage.blob;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Encrypts or decrypts the chunks of one blob with AES-256-GCM, reusing one Cipher.
 *
 * <p>The chunk key is derived from the data key and the blob id (HKDF-Expand with HMAC-SHA256,
 * info {@code "tarn-blob-v1" 0x00 id}), so it is unique to the blob even if a caller were to reuse
 * a data key, and a file moved under another blob's name does not decrypt. The nonce is the chunk
 * index (four zero bytes, then the index as 8 bytes big-endian): it never repeats under one key.
 * The additional data binds the format version, the chunk size, the chunk index and whether this
 * is the last chunk, so reordered, dropped, truncated or appended chunks fail authentication.
 */
final class ChunkCipher
{
    static final int TAG_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final byte[] INFO_PREFIX = "tarn-blob-v1\0".getBytes(StandardCharsets.US_ASCII);

    private final int mode;
    private final int chunkSize;
    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[NONCE_BYTES];
    private final byte[] additionalData = new byte[15];

    private ChunkCipher(int mode, byte[] dataKey, BlobId id, int chunkSize)
    {
        if (dataKey.length != 32) {
            throw new IllegalArgumentException("data keys are 256 bits");
        }
        this.mode = mode;
        this.chunkSize = chunkSize;
        try {
            this.key = new SecretKeySpec(deriveKey(dataKey, id), "AES");
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM or HMAC-SHA256 is not available", e);
        }
    }

    static ChunkCipher encrypting(byte[] dataKey, BlobId id, int chunkSize)
    {
        return new ChunkCipher(Cipher.ENCRYPT_MODE, dataKey, id, chunkSize);
    }

    static ChunkCipher decrypting(byte[] dataKey, BlobId id, int chunkSize)
    {
        return new ChunkCipher(Cipher.DECRYPT_MODE, dataKey, id, chunkSize);
    }

    /** Encrypts {@code length} plaintext bytes into {@code length + 16} bytes at {@code output[outputOffset]}. */
    int encrypt(long index, boolean last, byte[] input, int offset, int length, byte[] output, int outputOffset)
    {
        try {
            start(index, last);
            return cipher.doFinal(input, offset, length, output, outputOffset);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts one chunk ({@code length} bytes including its tag); fails if it is not authentic. */
    int decrypt(long index, boolean last, byte[] input, int offset, int length, byte[] output, int outputOffset)
            throws IOException
    {
        try {
            start(index, last);
            return cipher.doFinal(input, offset, length, output, outputOffset);
        }
        catch (AEADBadTagException e) {
            throw new IOException("blob chunk " + index + " failed authentication: wrong key or altered, reordered or truncated data", e);
        }
        catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        catch (GeneralSecurityException e) {
            throw new IOException("blob chunk " + index + " could not be decrypted", e);
        }
    }

    private void start(long index, boolean last)
            throws GeneralSecurityException
    {
        for (int i = 0; i < 8; i++) {
            nonce[NONCE_BYTES - 1 - i] = (byte) (index >>> (8 * i));
        }
        additionalData[0] = 0;
        additionalData[1] = (byte) BlobHeader.FORMAT_VERSION;
        for (int i = 0; i < 4; i++) {
            additionalData[2 + i] = (byte) (chunkSize >>> (24 - 8 * i));
        }
        System.arraycopy(nonce, 4, additionalData, 6, 8);
        additionalData[14] = (byte) (last ? 1 : 0);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(additionalData);
    }

    private static byte[] deriveKey(byte[] dataKey, BlobId id)
            throws GeneralSecurityException
    {
        // HKDF-Expand (RFC 5869) for one block; the data key is already uniformly random, so no Extract step
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
        hmac.update(INFO_PREFIX);
        hmac.update(id.value().getBytes(StandardCharsets.US_ASCII));
        hmac.update((byte) 1);
        byte[] derived = hmac.doFinal();
        try {
            return Arrays.copyOf(derived, 32);
        }
        finally {
            Arrays.fill(derived, (byte) 0);
        }
    }
}
