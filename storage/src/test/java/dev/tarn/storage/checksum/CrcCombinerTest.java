package dev.tarn.storage.checksum;

import dev.tarn.storage.blob.ChecksumAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrcCombinerTest
{
    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combineEqualsChecksumOfConcatenation(ChecksumAlgorithm algorithm)
    {
        Random random = new Random(11);
        byte[] data = new byte[300_000];
        random.nextBytes(data);
        int[][] splits = {{0, 0}, {0, 5}, {5, 0}, {1, 1}, {7, 9}, {1000, 1}, {4096, 65536}, {100_000, 200_000}, {299_999, 1}};
        for (int[] split : splits) {
            byte[] a = Arrays.copyOfRange(data, 0, split[0]);
            byte[] b = Arrays.copyOfRange(data, split[0], split[0] + split[1]);
            byte[] whole = Arrays.copyOfRange(data, 0, split[0] + split[1]);
            byte[] combined = CrcCombiner.combine(algorithm, Checksums.compute(algorithm, a), Checksums.compute(algorithm, b), b.length);
            assertThat(combined).as("%s %s+%s", algorithm, a.length, b.length).isEqualTo(Checksums.compute(algorithm, whole));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combiningManyPartsInOrder(ChecksumAlgorithm algorithm)
    {
        // as for a multipart upload: fold the part checksums left to right
        Random random = new Random(5);
        byte[] data = new byte[1 << 20];
        random.nextBytes(data);
        int[] partSizes = {262_144, 1, 300_000, 12_345, data.length - 262_144 - 1 - 300_000 - 12_345};
        byte[] running = null;
        int offset = 0;
        for (int size : partSizes) {
            byte[] part = Checksums.compute(algorithm, Arrays.copyOfRange(data, offset, offset + size));
            running = running == null ? part : CrcCombiner.combine(algorithm, running, part, size);
            offset += size;
        }
        assertThat(running).isEqualTo(Checksums.compute(algorithm, data));
    }

    @Test
    void rejectsNonCrcAndWrongWidth()
    {
        assertThat(CrcCombiner.supports(ChecksumAlgorithm.SHA256)).isFalse();
        assertThat(CrcCombiner.supports(ChecksumAlgorithm.CRC64NVME)).isTrue();
        assertThatThrownBy(() -> CrcCombiner.combine(ChecksumAlgorithm.SHA256, new byte[32], new byte[32], 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CrcCombiner.combine(ChecksumAlgorithm.CRC32, new byte[8], new byte[4], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
