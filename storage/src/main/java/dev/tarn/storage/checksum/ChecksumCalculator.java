package dev.tarn.storage.checksum;

import dev.tarn.storage.blob.ChecksumAlgorithm;

/**
 * Computes one checksum over bytes fed in order. Not thread-safe; one per stream.
 * The result is the raw digest, or for a CRC its big-endian bytes, as S3 base64-encodes them.
 */
public interface ChecksumCalculator
{
    ChecksumAlgorithm algorithm();

    void update(byte[] bytes, int offset, int length);

    default void update(byte[] bytes)
    {
        update(bytes, 0, bytes.length);
    }

    /** The checksum of everything fed so far; the calculator then starts over. */
    byte[] finish();
}
