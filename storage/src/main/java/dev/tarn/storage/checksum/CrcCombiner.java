package dev.tarn.storage.checksum;

import dev.tarn.storage.blob.ChecksumAlgorithm;

import static java.util.Objects.requireNonNull;

/**
 * Combines CRCs of adjacent pieces: given crc(A), crc(B) and the length of B, computes
 * crc(A followed by B) without the bytes, as S3 does to give a multipart upload a full-object
 * CRC from its parts' CRCs. This is zlib's crc32_combine (appending len(B) zero bytes to A's
 * CRC is a linear map over GF(2), applied by repeated squaring of the one-zero-bit operator),
 * which holds for any reflected CRC whose initial value equals its final xor, as for CRC32,
 * CRC32C and CRC64NVME.
 */
public final class CrcCombiner
{
    private CrcCombiner() {}

    /** Combines the big-endian CRC bytes S3 uses. */
    public static byte[] combine(ChecksumAlgorithm algorithm, byte[] crcA, byte[] crcB, long lengthB)
    {
        int width = width(algorithm) / 8;
        long combined = combine(algorithm, CrcValues.fromBytes(crcA, width), CrcValues.fromBytes(crcB, width), lengthB);
        return CrcValues.toBytes(combined, width);
    }

    public static long combine(ChecksumAlgorithm algorithm, long crcA, long crcB, long lengthB)
    {
        requireNonNull(algorithm, "algorithm is null");
        if (lengthB < 0) {
            throw new IllegalArgumentException("negative length");
        }
        return combine(polynomial(algorithm), width(algorithm), crcA, crcB, lengthB);
    }

    public static boolean supports(ChecksumAlgorithm algorithm)
    {
        return algorithm == ChecksumAlgorithm.CRC32 || algorithm == ChecksumAlgorithm.CRC32C || algorithm == ChecksumAlgorithm.CRC64NVME;
    }

    private static long polynomial(ChecksumAlgorithm algorithm)
    {
        return switch (algorithm) {
            case CRC32 -> 0xedb88320L;
            case CRC32C -> 0x82f63b78L;
            case CRC64NVME -> Crc64Nvme.POLYNOMIAL;
            default -> throw new IllegalArgumentException(algorithm + " is not a CRC");
        };
    }

    private static int width(ChecksumAlgorithm algorithm)
    {
        return switch (algorithm) {
            case CRC32, CRC32C -> 32;
            case CRC64NVME -> 64;
            default -> throw new IllegalArgumentException(algorithm + " is not a CRC");
        };
    }

    private static long combine(long polynomial, int width, long crcA, long crcB, long lengthB)
    {
        if (lengthB == 0) {
            return crcA;
        }
        long[] even = new long[width];
        long[] odd = new long[width];

        // the operator for one zero bit: shift right, folding in the polynomial
        odd[0] = polynomial;
        long row = 1;
        for (int n = 1; n < width; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits

        // apply len(B) zero bytes to crc(A), one power-of-two number of bytes at a time
        long crc = crcA;
        long remaining = lengthB;
        do {
            square(even, odd);
            if ((remaining & 1) != 0) {
                crc = times(even, crc);
            }
            remaining >>>= 1;
            if (remaining == 0) {
                break;
            }
            square(odd, even);
            if ((remaining & 1) != 0) {
                crc = times(odd, crc);
            }
            remaining >>>= 1;
        }
        while (remaining != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector)
    {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix)
    {
        for (int n = 0; n < matrix.length; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
