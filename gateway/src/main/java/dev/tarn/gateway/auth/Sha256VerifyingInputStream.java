package dev.tarn.gateway.auth;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Passes a payload through while hashing it, and compares the hash with x-amz-content-sha256 at
 * its end: when the last byte of a known length is read (so a reader that stops at the declared
 * length is still checked), or at end of stream.
 */
final class Sha256VerifyingInputStream
        extends InputStream
{
    private final byte[] single = new byte[1];
    private final InputStream in;
    private final String expected;
    private final long length;
    private final MessageDigest digest = SigV4.sha256Digest();
    private long count;
    private boolean verified;
    private AwsException failure;

    Sha256VerifyingInputStream(InputStream in, String expectedHex, OptionalLong length)
    {
        this.in = requireNonNull(in, "in is null");
        this.expected = expectedHex.toLowerCase(Locale.ROOT);
        this.length = length.orElse(-1);
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
        if (verified && length >= 0) {
            return -1;
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            verify();
            return -1;
        }
        digest.update(b, off, n);
        count += n;
        if (count == length) {
            verify();
        }
        return n;
    }

    private void verify()
    {
        if (verified) {
            return;
        }
        String computed = SigV4.hex(digest.digest());
        if (!SigV4.constantTimeEquals(expected, computed)) {
            failure = CommonErrors.X_AMZ_CONTENT_SHA256_MISMATCH.exception()
                    .with("ClientComputedContentSHA256", expected)
                    .with("S3ComputedContentSHA256", computed);
            throw failure;
        }
        verified = true;
    }

    @Override
    public int available()
            throws IOException
    {
        return in.available();
    }

    @Override
    public void close()
            throws IOException
    {
        in.close();
    }
}
