package dev.tarn.gateway.auth;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;

import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/**
 * The raw body up to its Content-Length: never reads past it, and throws IncompleteBody when the
 * connection ends before that many bytes arrived.
 */
final class ContentLengthInputStream
        extends InputStream
{
    private final byte[] single = new byte[1];
    private final InputStream in;
    private final long length;
    private long remaining;
    private AwsException failure;

    ContentLengthInputStream(InputStream in, long length)
    {
        this.in = requireNonNull(in, "in is null");
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
        this.length = length;
        this.remaining = length;
    }

    @Override
    public int read()
            throws IOException
    {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len)
            throws IOException
    {
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            failure = CommonErrors.INCOMPLETE_BODY.exception()
                    .with("ExpectedLength", Long.toString(length))
                    .with("ReceivedLength", Long.toString(length - remaining));
            throw failure;
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available()
            throws IOException
    {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public void close()
            throws IOException
    {
        in.close();
    }
}
