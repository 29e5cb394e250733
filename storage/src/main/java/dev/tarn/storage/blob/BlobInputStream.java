package dev.tarn.storage.blob;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * Plaintext of a range of one blob. Reads and decrypts only the chunks the range touches,
 * one at a time; a chunk's bytes are returned only after its tag has been verified.
 */
final class BlobInputStream
        extends InputStream
{
    private final FileChannel channel;
    private final BlobHeader header;
    private final ChunkCipher cipher;
    private final byte[] encrypted;
    private final byte[] plaintext;
    private final byte[] single = new byte[1];

    private long nextChunk;
    private int position;
    private int limit;
    private long remaining;
    private boolean closed;

    /** Positions at {@code offset} and decrypts the first chunk at once, so a wrong key (or damage there) fails here rather than mid-stream. */
    BlobInputStream(FileChannel channel, BlobHeader header, ChunkCipher cipher, long offset, long length)
            throws IOException
    {
        this.channel = requireNonNull(channel, "channel is null");
        this.header = requireNonNull(header, "header is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.encrypted = new byte[header.chunkSize() + ChunkCipher.TAG_BYTES];
        this.plaintext = new byte[header.chunkSize()];
        this.remaining = length;
        if (length > 0) {
            nextChunk = offset / header.chunkSize();
            channel.position(header.chunkPosition(nextChunk));
            loadChunk(plaintext, 0);
            position = (int) (offset % header.chunkSize());
        }
        else {
            // nothing to return, but a wrong key must still fail: check the nearest chunk
            nextChunk = Math.min(offset / header.chunkSize(), header.chunkCount() - 1);
            channel.position(header.chunkPosition(nextChunk));
            loadChunk(plaintext, 0);
            position = limit;
        }
    }

    @Override
    public int read()
            throws IOException
    {
        int read = read(single, 0, 1);
        return read == -1 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int count)
            throws IOException
    {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        if (closed) {
            throw new IOException("stream is closed");
        }
        if (count == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        if (position == limit) {
            int next = header.chunkLength(nextChunk);
            if (count >= next && remaining >= next) {
                // the caller wants the whole next chunk: decrypt it straight into their array
                loadChunk(bytes, offset);
                position = limit;
                remaining -= next;
                return next;
            }
            loadChunk(plaintext, 0);
        }
        int taken = (int) Math.min(Math.min(count, limit - position), remaining);
        System.arraycopy(plaintext, position, bytes, offset, taken);
        position += taken;
        remaining -= taken;
        return taken;
    }

    @Override
    public int available()
    {
        return (int) Math.min(limit - position, remaining);
    }

    @Override
    public void close()
            throws IOException
    {
        closed = true;
        channel.close();
    }

    private void loadChunk(byte[] output, int outputOffset)
            throws IOException
    {
        long index = nextChunk;
        int plaintextLength = header.chunkLength(index);
        int size = plaintextLength + ChunkCipher.TAG_BYTES;
        ByteBuffer target = ByteBuffer.wrap(encrypted, 0, size);
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                throw new EOFException("blob file ends inside chunk " + index);
            }
        }
        boolean last = index == header.chunkCount() - 1;
        cipher.decrypt(index, last, encrypted, 0, size, output, outputOffset);
        nextChunk++;
        position = 0;
        limit = output == plaintext ? plaintextLength : 0;
    }
}
