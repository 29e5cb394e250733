package dev.tarn.storage.meta;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static dev.tarn.storage.meta.MetadataFixtures.UTF8_BYTES;
import static org.assertj.core.api.Assertions.assertThat;

class KeyOrderTest
{
    private static final int[] INTERESTING_CODE_POINTS = {
            0x0, 0x1, 0x2f, 0x30, 0x7f, 0x80, 0xff, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff,
            0x10000, 0x1f600, 0x10fffe, 0x10ffff};

    @Test
    void comparesLikeUtf8Bytes()
    {
        Random random = new Random(20240506);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            keys.add(randomKey(random));
        }
        for (String left : keys.subList(0, 200)) {
            for (String right : keys) {
                assertThat(Integer.signum(KeyOrder.compare(left, right)))
                        .as("%s vs %s", left, right)
                        .isEqualTo(Integer.signum(UTF8_BYTES.compare(left, right)));
            }
        }
        assertThat(KeyOrder.compare("\uFF5E", "\uD83D\uDE00")).as("U+FF5E sorts before U+1F600").isNegative();
    }

    @Test
    void prefixEndIsTheFirstKeyPastThePrefix()
    {
        assertThat(KeyOrder.prefixEnd("")).isEmpty();
        assertThat(KeyOrder.prefixEnd("photos/")).contains("photos0");
        assertThat(KeyOrder.prefixEnd("a\uD7FF")).contains("a\uE000");
        assertThat(KeyOrder.prefixEnd("a\uFFFF")).contains("a\uD800\uDC00");
        assertThat(KeyOrder.prefixEnd("a\uD83D\uDE00")).contains("a\uD83D\uDE01");
        assertThat(KeyOrder.prefixEnd("a\uDBFF\uDFFF")).contains("b");
        assertThat(KeyOrder.prefixEnd("\uDBFF\uDFFF\uDBFF\uDFFF")).isEmpty();

        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            String prefix = randomKey(random);
            String key = randomKey(random);
            Optional<String> end = KeyOrder.prefixEnd(prefix);
            boolean inRange = UTF8_BYTES.compare(key, prefix) >= 0 && end.map(value -> UTF8_BYTES.compare(key, value) < 0).orElse(true);
            assertThat(inRange).as("%s in range of prefix %s", key, prefix).isEqualTo(key.startsWith(prefix));
            String extended = prefix + key;
            assertThat(end.map(value -> UTF8_BYTES.compare(extended, value) < 0).orElse(true))
                    .as("%s before the end of prefix %s", extended, prefix)
                    .isTrue();
        }
    }

    private static String randomKey(Random random)
    {
        StringBuilder key = new StringBuilder();
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            key.appendCodePoint(INTERESTING_CODE_POINTS[random.nextInt(INTERESTING_CODE_POINTS.length)]);
        }
        return key.toString();
    }
}
