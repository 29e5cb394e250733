package dev.tarn.athena.engine.duckdb;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Drops the first lines written into it (Hive's {@code skip.header.line.count}) and passes on the rest. */
final class HeaderLinesOutputStream
        extends FilterOutputStream
{
    private long remaining;

    HeaderLinesOutputStream(OutputStream out, long lines)
    {
        super(out);
        if (lines < 0) {
            throw new IllegalArgumentException("lines is negative");
        }
        this.remaining = lines;
    }

    @Override
    public void write(byte[] bytes, int offset, int length)
            throws IOException
    {
        int start = offset;
        int end = offset + length;
        while (remaining > 0 && start < end) {
            if (bytes[start++] == '\n') {
                remaining--;
            }
        }
        if (start < end) {
            out.write(bytes, start, end - start);
        }
    }

    @Override
    public void write(int b)
            throws IOException
    {
        write(new byte[] {(byte) b}, 0, 1);
    }
}
