package dev.tarn.storage.checksum;

import dev.tarn.storage.blob.ChecksumAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumsTest
{
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crcCheckValues()
    {
        // the "check" values of the CRC catalogue: the CRC of the ASCII string "123456789"
        assertThat(hex(Checksums.compute(ChecksumAlgorithm.CRC32, CHECK))).isEqualTo("cbf43926");
        assertThat(hex(Checksums.compute(ChecksumAlgorithm.CRC32C, CHECK))).isEqualTo("e3069283");
        assertThat(hex(Checksums.compute(ChecksumAlgorithm.CRC64NVME, CHECK))).isEqualTo("ae8b14860a799888");
    }

    @Test
    void digestVectors()
    {
        // RFC 1321 and FIPS 180 test vectors
        assertThat(hex(Checksums.compute(ChecksumAlgorithm.MD5, ABC))).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(hex(Checksums.compute(ChecksumAlgorithm.SHA1, ABC))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(hex(Checksums.compute(ChecksumAlgorithm.SHA256, ABC))).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void emptyInput()
    {
        assertThat(hex(Checksums.compute(ChecksumAlgorithm.CRC32, new byte[0]))).isEqualTo("00000000");
        assertThat(hex(Checksums.compute(ChecksumAlgorithm.CRC64NVME, new byte[0]))).isEqualTo("0000000000000000");
        assertThat(hex(Checksums.compute(ChecksumAlgorithm.MD5, new byte[0]))).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void crc64NvmeMatchesBitwiseDefinition()
    {
        Random random = new Random(7);
        for (int length : new int[] {1, 7, 8, 9, 15, 16, 17, 100, 4099}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            long expected = bitwiseCrc64Nvme(data);
            assertThat(Checksums.compute(ChecksumAlgorithm.CRC64NVME, data))
                    .as("length %s", length)
                    .isEqualTo(HexFormat.of().parseHex(String.format("%016x", expected)));
        }
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void streamingInPiecesEqualsOneShot(ChecksumAlgorithm algorithm)
    {
        Random random = new Random(algorithm.ordinal());
        byte[] data = new byte[100_003];
        random.nextBytes(data);
        ChecksumCalculator calculator = Checksums.newCalculator(algorithm);
        int offset = 0;
        while (offset < data.length) {
            int piece = Math.min(data.length - offset, random.nextInt(300));
            calculator.update(data, offset, piece);
            offset += piece;
        }
        byte[] whole = Checksums.compute(algorithm, data);
        assertThat(calculator.finish()).isEqualTo(whole);
        // finish starts over
        calculator.update(data, 0, data.length);
        assertThat(calculator.finish()).isEqualTo(whole);
    }

    @Test
    void multiChecksumComputesEachAlgorithm()
    {
        byte[] data = new byte[70_000];
        new Random(3).nextBytes(data);
        MultiChecksum multi = new MultiChecksum(EnumSet.of(ChecksumAlgorithm.MD5, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.SHA256));
        multi.update(data, 0, 12_345);
        multi.update(data, 12_345, data.length - 12_345);
        Map<ChecksumAlgorithm, byte[]> values = multi.finish();
        assertThat(values).containsOnlyKeys(ChecksumAlgorithm.MD5, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.SHA256);
        values.forEach((algorithm, value) -> assertThat(value).as(algorithm.name()).isEqualTo(Checksums.compute(algorithm, data)));
    }

    private static long bitwiseCrc64Nvme(byte[] data)
    {
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9a6c9329ac4bc9b5L : crc >>> 1;
            }
        }
        return ~crc;
    }

    private static String hex(byte[] bytes)
    {
        return HexFormat.of().formatHex(bytes);
    }
}
