package dev.tarn.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a byte range that start at or after {@code start} and before {@code end}, as
 * Hadoop's line reader splits a file: a line belongs to the split it starts in, however far it
 * extends. A split is read from one byte before its start, so that a line starting exactly at
 * the start is recognised by the newline in front of it.
 */
public record LineSplit(long start, long end)
{
    public LineSplit
    {
        if (start < 0 || start > end) {
            throw new IllegalArgumentException("bad split [" + start + ", " + end + ")");
        }
    }

    /** Where reading begins: the byte before the start, or 0. */
    public long readFrom()
    {
        return start == 0 ? 0 : start - 1;
    }

    /**
     * Cuts {@code [start, end)} into splits of about {@code targetBytes} each, at most
     * {@code maxSplits} (and at least one, possibly empty).
     */
    public static List<LineSplit> of(long start, long end, long targetBytes, int maxSplits)
    {
        if (targetBytes <= 0 || maxSplits <= 0 || start > end) {
            throw new IllegalArgumentException("bad split request");
        }
        long length = end - start;
        int count = (int) Math.max(1, Math.min(maxSplits, (length + targetBytes - 1) / targetBytes));
        List<LineSplit> splits = new ArrayList<>(count);
        long from = start;
        for (int i = 1; i <= count; i++) {
            long to = i == count ? end : start + length * i / count;
            splits.add(new LineSplit(from, to));
            from = to;
        }
        return List.copyOf(splits);
    }
}
