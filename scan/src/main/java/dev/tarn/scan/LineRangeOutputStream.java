package dev.tarn.scan;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import static java.util.Objects.requireNonNull;

/**
 * Passes on the lines of a {@link LineSplit} out of the bytes written from the split's
 * {@link LineSplit#readFrom()} on. Once the split is complete a further write throws
 * {@link RangeCompleteException}, so whoever produces the bytes stops reading the object.
 */
public final class LineRangeOutputStream
        extends FilterOutputStream
{
    private final LineRange range;

    public LineRangeOutputStream(OutputStream out, LineSplit split)
    {
        super(requireNonNull(out, "out is null"));
        this.range = new LineRange(split);
    }

    @Override
    public void write(byte[] bytes, int offset, int length)
            throws IOException
    {
        if (length == 0) {
            return;
        }
        if (range.complete()) {
            throw new RangeCompleteException();
        }
        int dropped = range.drop(bytes, offset, length);
        int kept = range.keep(bytes, offset + dropped, length - dropped);
        if (kept > 0) {
            out.write(bytes, offset + dropped, kept);
        }
    }

    @Override
    public void write(int b)
            throws IOException
    {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Thrown at a write after the split's last line: the bytes are not wanted, and that is not a failure. */
    public static final class RangeCompleteException
            extends IOException
    {
        public RangeCompleteException()
        {
            super("the line range is complete");
        }
    }
}
