package dev.tarn.storage.blob;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * A per-blob AES-256 data key: the plaintext key, used only in memory, and its wrapped form,
 * which is what gets stored. Who wrapped it (the master key for SSE-S3, a KMS key for SSE-KMS,
 * the customer's key for SSE-C) is recorded in the object's metadata, not here.
 */
public record DataKey(byte[] plaintext, byte[] wrapped)
{
    public DataKey
    {
        requireNonNull(plaintext, "plaintext is null");
        requireNonNull(wrapped, "wrapped is null");
        if (plaintext.length != 32) {
            throw new IllegalArgumentException("data keys are 256 bits");
        }
        plaintext = plaintext.clone();
        wrapped = wrapped.clone();
    }

    @Override
    public byte[] plaintext()
    {
        return plaintext.clone();
    }

    @Override
    public byte[] wrapped()
    {
        return wrapped.clone();
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof DataKey other && Arrays.equals(wrapped, other.wrapped);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(wrapped);
    }

    @Override
    public String toString()
    {
        return "DataKey[wrapped " + wrapped.length + " bytes]";
    }
}
