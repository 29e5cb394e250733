package dev.tarn.scan;

import static java.util.Objects.requireNonNull;

/**
 * Follows a {@link LineSplit} over the bytes read from its {@link LineSplit#readFrom()}: which
 * leading bytes belong to a line that started before the split ({@link #drop}), which belong
 * to the split's lines ({@link #keep}), and when the split is complete. Only the bytes around
 * the split's two ends are looked at; the ones in between are counted.
 */
public final class LineRange
{
    private final long end;
    private long position;
    private boolean skipping;
    private boolean atLineStart;
    private boolean complete;

    public LineRange(LineSplit split)
    {
        requireNonNull(split, "split is null");
        this.end = split.end();
        this.position = split.readFrom();
        this.skipping = split.start() > 0;
        this.atLineStart = !skipping;
    }

    /** How many of these bytes, from the first, precede the split's first line; they are consumed. */
    public int drop(byte[] bytes, int offset, int length)
    {
        if (!skipping) {
            return 0;
        }
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                skipping = false;
                atLineStart = true;
                int dropped = i - offset + 1;
                position += dropped;
                return dropped;
            }
        }
        position += length;
        return length;
    }

    /**
     * How many of these bytes, from the first, belong to the split's lines; they are consumed.
     * Fewer than {@code length} means the split is complete. Call {@link #drop} first.
     */
    public int keep(byte[] bytes, int offset, int length)
    {
        if (complete || skipping || length == 0) {
            return 0;
        }
        int kept = 0;
        if (position < end) {
            kept = (int) Math.min(end - position, length);
            atLineStart = bytes[offset + kept - 1] == '\n';
            position += kept;
            if (kept == length) {
                return kept;
            }
        }
        if (atLineStart) {
            // a line starting at or after the end is the next split's
            complete = true;
            return kept;
        }
        for (int i = offset + kept; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                int finished = i - offset + 1;
                position += finished - kept;
                atLineStart = true;
                complete = true;
                return finished;
            }
        }
        position += length - kept;
        return length;
    }

    /** Whether the split's last line has been kept whole: nothing more belongs to it. */
    public boolean complete()
    {
        return complete || (!skipping && atLineStart && position >= end);
    }
}
