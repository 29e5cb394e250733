package dev.tarn.scan;

import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/** The lines of a {@link LineSplit}, read from a stream positioned at the split's {@link LineSplit#readFrom()}. */
public final class LineRangeInputStream
        extends InputStream
{
    private final InputStream in;
    private final LineRange range;

    public LineRangeInputStream(InputStream in, LineSplit split)
    {
        this.in = requireNonNull(in, "in is null");
        this.range = new LineRange(split);
    }

    @Override
    public int read()
            throws IOException
    {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length)
            throws IOException
    {
        if (length == 0) {
            return 0;
        }
        while (!range.complete()) {
            int read = in.read(buffer, offset, length);
            if (read < 0) {
                return -1;
            }
            int dropped = range.drop(buffer, offset, read);
            int kept = range.keep(buffer, offset + dropped, read - dropped);
            if (kept > 0) {
                if (dropped > 0) {
                    System.arraycopy(buffer, offset + dropped, buffer, offset, kept);
                }
                return kept;
            }
        }
        return -1;
    }

    @Override
    public void close()
            throws IOException
    {
        in.close();
    }
}
