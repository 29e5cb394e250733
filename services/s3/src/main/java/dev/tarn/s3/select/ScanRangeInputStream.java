package dev.tarn.s3.select;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The records of a line-delimited object that start within a scan range, as S3 defines it: the
 * stream is opened one byte before the range (so a record starting exactly at its start is
 * recognised), skips to the first record start, and ends after the last record that starts at
 * or before the range's inclusive end, however far that record extends.
 */
final class ScanRangeInputStream
        extends InputStream
{
    private final InputStream in;
    private final long end;
    private long position;
    private boolean skipping;
    private boolean atRecordStart;
    private boolean done;

    /**
     * @param in the object's bytes from {@code position} on
     * @param skipping whether the first bytes, up to the first newline, belong to a record that started before the range
     */
    ScanRangeInputStream(InputStream in, long position, long end, boolean skipping)
    {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.position = position;
        this.end = end;
        this.skipping = skipping;
        this.atRecordStart = !skipping;
    }

    @Override
    public int read()
            throws IOException
    {
        while (!done) {
            if (!skipping && atRecordStart && position > end) {
                done = true;
                break;
            }
            int value = in.read();
            if (value < 0) {
                done = true;
                break;
            }
            position++;
            if (skipping) {
                if (value == '\n') {
                    skipping = false;
                    atRecordStart = true;
                }
                continue;
            }
            atRecordStart = value == '\n';
            return value;
        }
        return -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length)
            throws IOException
    {
        int count = 0;
        while (count < length) {
            int value = read();
            if (value < 0) {
                break;
            }
            buffer[offset + count++] = (byte) value;
        }
        return count == 0 && length > 0 ? -1 : count;
    }

    @Override
    public void close()
            throws IOException
    {
        in.close();
    }
}
