package dev.tarn.s3.select;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SelectByteSearchTest
{
    @Test
    void findsTheFirstWantedByteAtEveryPosition()
    {
        ByteSearch search = new ByteSearch((byte) '"', (byte) '\n', (byte) 0xb6);
        for (int length = 0; length < 40; length++) {
            for (int at = 0; at < length; at++) {
                byte[] bytes = new byte[length];
                java.util.Arrays.fill(bytes, (byte) 'a');
                bytes[at] = at % 3 == 0 ? (byte) '"' : at % 3 == 1 ? (byte) '\n' : (byte) 0xb6;
                assertThat(search.next(bytes, 0, length)).isEqualTo(at);
                assertThat(search.next(bytes, Math.min(at + 1, length), length)).isEqualTo(length);
                assertThat(search.next(bytes, 0, at)).isEqualTo(at);
            }
        }
    }

    @Test
    void agreesWithAPlainLoop()
    {
        Random random = new Random(11);
        ByteSearch search = new ByteSearch((byte) 0x00, (byte) 0xff);
        for (int round = 0; round < 10_000; round++) {
            byte[] bytes = new byte[random.nextInt(64)];
            for (int i = 0; i < bytes.length; i++) {
                // mostly bytes next to the wanted ones, where a word-at-a-time test could go wrong
                bytes[i] = (byte) (random.nextInt(8) == 0 ? (random.nextBoolean() ? 0x00 : 0xff) : 1 + random.nextInt(3) + (random.nextBoolean() ? 0x7d : 0));
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int expected = from;
            while (expected < bytes.length && bytes[expected] != 0x00 && bytes[expected] != (byte) 0xff) {
                expected++;
            }
            assertThat(search.next(bytes, from, bytes.length)).isEqualTo(expected);
        }
    }

    @Test
    void oneValueGivenOnceOrRepeatedIsFound()
    {
        Random random = new Random(12);
        for (ByteSearch search : new ByteSearch[] {new ByteSearch((byte) '"'), new ByteSearch((byte) '"', (byte) '"', (byte) '"')}) {
            for (int round = 0; round < 2_000; round++) {
                byte[] bytes = new byte[random.nextInt(80)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = random.nextInt(20) == 0 ? (byte) '"' : (byte) ('!' + random.nextInt(3));
                }
                int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                int expected = from;
                while (expected < bytes.length && bytes[expected] != '"') {
                    expected++;
                }
                assertThat(search.next(bytes, from, bytes.length)).isEqualTo(expected);
            }
        }
    }
}
