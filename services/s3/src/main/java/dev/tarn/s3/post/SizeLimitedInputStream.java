package dev.tarn.s3.post;

import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/**
 * The form's file, held to its policy's content-length-range while it streams: more bytes than
 * allowed is EntityTooLarge, fewer at its end EntityTooSmall. Both are raised from read(), so the
 * blob being written is never committed and nothing is stored.
 */
final class SizeLimitedInputStream
        extends InputStream
{
    private final InputStream file;
    private final SizeRange range;
    private long count;

    SizeLimitedInputStream(InputStream file, SizeRange range)
    {
        this.file = requireNonNull(file, "file is null");
        this.range = requireNonNull(range, "range is null");
    }

    @Override
    public int read()
            throws IOException
    {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length)
            throws IOException
    {
        int read = file.read(buffer, offset, length);
        if (read < 0) {
            if (count < range.minimum()) {
                throw PostErrors.ENTITY_TOO_SMALL.exception()
                        .with("ProposedSize", Long.toString(count))
                        .with("MinSizeAllowed", Long.toString(range.minimum()));
            }
            return read;
        }
        count += read;
        if (count > range.maximum()) {
            // S3 names the whole size it was offered, so the rest is counted (not kept)
            long proposed = count + file.transferTo(java.io.OutputStream.nullOutputStream());
            throw PostErrors.ENTITY_TOO_LARGE.exception()
                    .with("ProposedSize", Long.toString(proposed))
                    .with("MaxSizeAllowed", Long.toString(range.maximum()));
        }
        return read;
    }
}
