package dev.tarn.kms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The ciphertext blobs Encrypt and GenerateDataKey return, self-describing so that Decrypt needs
 * no KeyId. Format version 1:
 * <pre>
 * 0x01 | account id (12 ASCII digits) | key id (16-byte UUID) | material version (4 bytes, big-endian)
 *      | nonce (12 bytes) | AES-256-GCM ciphertext | tag (16 bytes)
 * </pre>
 * The header (everything before the nonce) is authenticated together with the encryption
 * context, so changing the key, the version or the context makes decryption fail.
 */
public record CiphertextBlob(String accountId, String keyId, int materialVersion, byte[] nonce, byte[] sealed)
{
    static final byte FORMAT_VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final int ACCOUNT_BYTES = 12;
    private static final int HEADER_BYTES = 1 + ACCOUNT_BYTES + 16 + 4;

    public CiphertextBlob
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(keyId, "keyId is null");
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("not an account id: " + accountId);
        }
        nonce = nonce.clone();
        sealed = sealed.clone();
        if (nonce.length != NONCE_BYTES || sealed.length < TAG_BYTES) {
            throw new IllegalArgumentException("bad nonce or ciphertext length");
        }
    }

    /** The blob's fields, or empty when the bytes are not a blob of this format. */
    public static Optional<CiphertextBlob> parse(byte[] bytes)
    {
        if (bytes.length < HEADER_BYTES + NONCE_BYTES + TAG_BYTES || bytes[0] != FORMAT_VERSION) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        byte[] account = new byte[ACCOUNT_BYTES];
        buffer.get(account);
        String accountId = new String(account, StandardCharsets.US_ASCII);
        if (!accountId.matches("\\d{12}")) {
            return Optional.empty();
        }
        String keyId = new UUID(buffer.getLong(), buffer.getLong()).toString();
        int version = buffer.getInt();
        if (version < 1) {
            return Optional.empty();
        }
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] sealed = new byte[buffer.remaining()];
        buffer.get(sealed);
        return Optional.of(new CiphertextBlob(accountId, keyId, version, nonce, sealed));
    }

    /** The authenticated header: format version, account, key and material version. */
    public byte[] header()
    {
        UUID uuid = UUID.fromString(keyId);
        return ByteBuffer.allocate(HEADER_BYTES)
                .put(FORMAT_VERSION)
                .put(accountId.getBytes(StandardCharsets.US_ASCII))
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .putInt(materialVersion)
                .array();
    }

    public byte[] toBytes()
    {
        return ByteBuffer.allocate(HEADER_BYTES + NONCE_BYTES + sealed.length).put(header()).put(nonce).put(sealed).array();
    }

    @Override
    public byte[] nonce()
    {
        return nonce.clone();
    }

    @Override
    public byte[] sealed()
    {
        return sealed.clone();
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof CiphertextBlob other && Arrays.equals(toBytes(), other.toBytes());
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString()
    {
        return "CiphertextBlob[" + accountId + "/" + keyId + " v" + materialVersion + "]";
    }
}
