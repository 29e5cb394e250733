package dev.tarn.s3.select;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;

/**
 * Finds the first of up to three byte values in an array, eight bytes at a time (a word-at-a-time
 * zero-byte test): CSV input is scanned for the few bytes that matter (quotes, record
 * delimiters) at memory speed rather than byte by byte.
 */
final class ByteSearch
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final long first;
    private final long second;
    private final long third;
    private final boolean single;
    private final byte only;
    private final boolean[] wanted = new boolean[256];

    /** @param values one to three byte values */
    ByteSearch(byte... values)
    {
        requireNonNull(values, "values is null");
        if (values.length < 1 || values.length > 3) {
            throw new IllegalArgumentException("one to three values: " + values.length);
        }
        this.first = ONES * (values[0] & 0xff);
        this.second = ONES * (values[Math.min(1, values.length - 1)] & 0xff);
        this.third = ONES * (values[values.length - 1] & 0xff);
        for (byte value : values) {
            wanted[value & 0xff] = true;
        }
        this.only = values[0];
        this.single = IntStream.range(0, values.length).allMatch(i -> values[i] == values[0]);
    }

    /** The index of the first wanted byte in [from, to), or {@code to} if there is none. */
    int next(byte[] bytes, int from, int to)
    {
        if (single) {
            // one value (the quote, outside quotes, in the usual CSV): the JIT compiles this plain loop
            // to a faster scan than the word-at-a-time test (4.7 against 2 to 3.5 GB/s measured)
            for (int i = from; i < to; i++) {
                if (bytes[i] == only) {
                    return i;
                }
            }
            return to;
        }
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long found = zeroBytes(word ^ first) | zeroBytes(word ^ second) | zeroBytes(word ^ third);
            if (found != 0) {
                // the lowest flag is exact (a false flag can only follow a true one)
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (wanted[bytes[i] & 0xff]) {
                return i;
            }
        }
        return to;
    }

    /** The high bit set in the lowest zero byte of {@code word} (and possibly in higher ones). */
    private static long zeroBytes(long word)
    {
        return (word - ONES) & ~word & HIGHS;
    }
}
