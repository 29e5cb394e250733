package dev.tarn.storage.blob;

import dev.tarn.storage.checksum.MultiChecksum;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * Encrypts plaintext chunk by chunk into a temporary file while computing its checksums. A full
 * chunk is held back until more bytes arrive, since only then is it known not to be the last.
 */
final class LocalBlobWriter
        implements BlobWriter
{
    private final BlobId id;
    private final Path temporary;
    private final FileChannel channel;
    private final BlobHeader header;
    private final ChunkCipher cipher;
    private final MultiChecksum checksums;
    private final LocalBlobStore store;
    private final int chunkSize;
    private final byte[] buffer;
    private final byte[] encrypted;
    private final OutputStream output = new ChunkingOutput();

    private int buffered;
    private long chunkIndex;
    private long length;
    private boolean failed;
    private boolean committed;
    private boolean closed;

    LocalBlobWriter(BlobId id, Path temporary, FileChannel channel, BlobHeader header, ChunkCipher cipher, MultiChecksum checksums, LocalBlobStore store)
    {
        this.id = requireNonNull(id, "id is null");
        this.temporary = requireNonNull(temporary, "temporary is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.header = requireNonNull(header, "header is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.checksums = requireNonNull(checksums, "checksums is null");
        this.store = requireNonNull(store, "store is null");
        this.chunkSize = header.chunkSize();
        this.buffer = new byte[chunkSize];
        this.encrypted = new byte[chunkSize + ChunkCipher.TAG_BYTES];
    }

    @Override
    public OutputStream output()
    {
        return output;
    }

    @Override
    public long length()
    {
        return length;
    }

    @Override
    public StoredBlob commit()
            throws IOException
    {
        checkWritable();
        try {
            writeChunk(buffer, 0, buffered, true);
            buffered = 0;
            ByteBuffer plaintextLength = ByteBuffer.allocate(Long.BYTES).putLong(0, length);
            writeFully(plaintextLength, BlobHeader.PLAINTEXT_LENGTH_OFFSET);
            channel.force(true);
            channel.close();
            store.publish(id, temporary);
        }
        catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
        committed = true;
        Map<ChecksumAlgorithm, byte[]> values = checksums.finish();
        return new StoredBlob(id, length, values);
    }

    @Override
    public void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            try {
                channel.close();
            }
            catch (IOException ignored) {
                // the file is deleted next; nothing of it is kept
            }
            try {
                Files.deleteIfExists(temporary);
            }
            catch (IOException ignored) {
                // removeOrphans deletes it at the next start
            }
        }
    }

    private void checkWritable()
            throws IOException
    {
        if (committed) {
            throw new IllegalStateException("blob " + id + " is already committed");
        }
        if (closed) {
            throw new IOException("blob writer " + id + " is closed");
        }
        if (failed) {
            throw new IOException("blob writer " + id + " failed earlier");
        }
    }

    private void write(byte[] bytes, int offset, int count)
            throws IOException
    {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        checkWritable();
        try {
            checksums.update(bytes, offset, count);
            length += count;
            while (count > 0) {
                if (buffered == chunkSize) {
                    // more bytes follow, so the held-back chunk is not the last
                    writeChunk(buffer, 0, chunkSize, false);
                    buffered = 0;
                }
                if (buffered == 0 && count > chunkSize) {
                    // a whole chunk with more after it: encrypt straight from the caller's array
                    writeChunk(bytes, offset, chunkSize, false);
                    offset += chunkSize;
                    count -= chunkSize;
                    continue;
                }
                int taken = Math.min(count, chunkSize - buffered);
                System.arraycopy(bytes, offset, buffer, buffered, taken);
                buffered += taken;
                offset += taken;
                count -= taken;
            }
        }
        catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private void writeChunk(byte[] plaintext, int offset, int count, boolean last)
            throws IOException
    {
        int size = cipher.encrypt(chunkIndex, last, plaintext, offset, count, encrypted, 0);
        ByteBuffer chunk = ByteBuffer.wrap(encrypted, 0, size);
        while (chunk.hasRemaining()) {
            channel.write(chunk);
        }
        chunkIndex++;
    }

    private void writeFully(ByteBuffer bytes, long position)
            throws IOException
    {
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    private final class ChunkingOutput
            extends OutputStream
    {
        private final byte[] single = new byte[1];

        @Override
        public void write(int b)
                throws IOException
        {
            single[0] = (byte) b;
            LocalBlobWriter.this.write(single, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count)
                throws IOException
        {
            LocalBlobWriter.this.write(bytes, offset, count);
        }
    }
}
