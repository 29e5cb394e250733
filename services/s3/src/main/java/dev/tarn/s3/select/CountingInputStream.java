package dev.tarn.s3.select;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Adds the bytes read through it to a counter (BytesScanned, BytesProcessed). */
final class CountingInputStream
        extends FilterInputStream
{
    private final AtomicLong counter;

    CountingInputStream(InputStream in, AtomicLong counter)
    {
        super(in);
        this.counter = counter;
    }

    @Override
    public int read()
            throws IOException
    {
        int value = super.read();
        if (value >= 0) {
            counter.incrementAndGet();
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length)
            throws IOException
    {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            counter.addAndGet(read);
        }
        return read;
    }

    @Override
    public boolean markSupported()
    {
        return false;
    }
}
