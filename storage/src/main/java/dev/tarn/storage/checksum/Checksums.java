package dev.tarn.storage.checksum;

import dev.tarn.storage.blob.ChecksumAlgorithm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import static java.util.Objects.requireNonNull;

/** Creates the streaming calculator for each {@link ChecksumAlgorithm}. */
public final class Checksums
{
    private Checksums() {}

    public static ChecksumCalculator newCalculator(ChecksumAlgorithm algorithm)
    {
        requireNonNull(algorithm, "algorithm is null");
        return switch (algorithm) {
            case MD5 -> new DigestCalculator(algorithm, messageDigest("MD5"));
            case SHA1 -> new DigestCalculator(algorithm, messageDigest("SHA-1"));
            case SHA256 -> new DigestCalculator(algorithm, messageDigest("SHA-256"));
            case CRC32 -> new CrcCalculator(algorithm, new CRC32(), Integer.BYTES);
            case CRC32C -> new CrcCalculator(algorithm, new CRC32C(), Integer.BYTES);
            case CRC64NVME -> new CrcCalculator(algorithm, new Crc64Nvme(), Long.BYTES);
        };
    }

    /** The checksum of a whole byte array, for small values and tests. */
    public static byte[] compute(ChecksumAlgorithm algorithm, byte[] bytes)
    {
        ChecksumCalculator calculator = newCalculator(algorithm);
        calculator.update(bytes);
        return calculator.finish();
    }

    private static MessageDigest messageDigest(String name)
    {
        try {
            return MessageDigest.getInstance(name);
        }
        catch (NoSuchAlgorithmException e) {
            // every Java platform is required to provide MD5, SHA-1 and SHA-256
            throw new IllegalStateException(name + " is not available", e);
        }
    }

    private record DigestCalculator(ChecksumAlgorithm algorithm, MessageDigest digest)
            implements ChecksumCalculator
    {
        @Override
        public void update(byte[] bytes, int offset, int length)
        {
            digest.update(bytes, offset, length);
        }

        @Override
        public byte[] finish()
        {
            return digest.digest();
        }
    }

    private record CrcCalculator(ChecksumAlgorithm algorithm, java.util.zip.Checksum crc, int width)
            implements ChecksumCalculator
    {
        @Override
        public void update(byte[] bytes, int offset, int length)
        {
            crc.update(bytes, offset, length);
        }

        @Override
        public byte[] finish()
        {
            byte[] value = CrcValues.toBytes(crc.getValue(), width);
            crc.reset();
            return value;
        }
    }
}
