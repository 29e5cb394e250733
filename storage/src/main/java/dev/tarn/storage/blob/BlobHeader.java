package dev.tarn.storage.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * The header at the start of every blob file (see docs/storage-format.md), all integers
 * big-endian:
 *
 * <pre>
 * offset  size  field
 *      0     8  magic "TARNBLOB"
 *      8     2  format version (1)
 *     10     2  header length H = 26 + K: where the first chunk starts
 *     12     4  chunk size C: plaintext bytes in every chunk but the last
 *     16     8  plaintext length L (-1 until the writer commits)
 *     24     2  wrapped data key length K
 *     26     K  wrapped data key
 * </pre>
 */
record BlobHeader(int chunkSize, long plaintextLength, byte[] wrappedKey)
{
    static final short FORMAT_VERSION = 1;
    static final int FIXED_BYTES = 26;
    static final int PLAINTEXT_LENGTH_OFFSET = 16;
    static final long UNCOMMITTED = -1;
    static final int MIN_CHUNK_SIZE = 1024;
    static final int MAX_CHUNK_SIZE = 16 << 20;
    private static final int MAX_WRAPPED_KEY_BYTES = 4096;
    private static final byte[] MAGIC = "TARNBLOB".getBytes(StandardCharsets.US_ASCII);

    BlobHeader
    {
        requireNonNull(wrappedKey, "wrappedKey is null");
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size out of range: " + chunkSize);
        }
        if (wrappedKey.length == 0 || wrappedKey.length > MAX_WRAPPED_KEY_BYTES) {
            throw new IllegalArgumentException("wrapped key length out of range: " + wrappedKey.length);
        }
        wrappedKey = wrappedKey.clone();
    }

    @Override
    public byte[] wrappedKey()
    {
        return wrappedKey.clone();
    }

    int length()
    {
        return FIXED_BYTES + wrappedKey.length;
    }

    /** Number of chunks: an empty blob still has one (empty, authenticated) chunk. */
    long chunkCount()
    {
        return plaintextLength == 0 ? 1 : (plaintextLength + chunkSize - 1) / chunkSize;
    }

    /** The size the file must have. */
    long fileLength()
    {
        return length() + plaintextLength + chunkCount() * ChunkCipher.TAG_BYTES;
    }

    /** Where chunk {@code index} starts in the file. */
    long chunkPosition(long index)
    {
        return length() + index * ((long) chunkSize + ChunkCipher.TAG_BYTES);
    }

    /** Plaintext bytes in chunk {@code index}. */
    int chunkLength(long index)
    {
        return (int) Math.min(chunkSize, plaintextLength - index * chunkSize);
    }

    ByteBuffer encode()
    {
        ByteBuffer buffer = ByteBuffer.allocate(length());
        buffer.put(MAGIC)
                .putShort(FORMAT_VERSION)
                .putShort((short) length())
                .putInt(chunkSize)
                .putLong(plaintextLength)
                .putShort((short) wrappedKey.length)
                .put(wrappedKey);
        return buffer.flip();
    }

    /** Parses the fixed part; returns the wrapped key length still to read. */
    static int parseFixed(ByteBuffer fixed, Object source)
            throws IOException
    {
        byte[] magic = new byte[MAGIC.length];
        fixed.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a blob file: " + source);
        }
        short version = fixed.getShort();
        if (version != FORMAT_VERSION) {
            throw new IOException("unsupported blob format version " + version + ": " + source);
        }
        int headerLength = Short.toUnsignedInt(fixed.getShort());
        int keyLength = Short.toUnsignedInt(fixed.getShort(24));
        if (keyLength == 0 || keyLength > MAX_WRAPPED_KEY_BYTES || headerLength != FIXED_BYTES + keyLength) {
            throw new IOException("corrupt blob header: " + source);
        }
        return keyLength;
    }

    static BlobHeader parse(ByteBuffer fixed, byte[] wrappedKey, Object source)
            throws IOException
    {
        int chunkSize = fixed.getInt(12);
        long plaintextLength = fixed.getLong(PLAINTEXT_LENGTH_OFFSET);
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE || plaintextLength < 0) {
            throw new IOException("corrupt or uncommitted blob header: " + source);
        }
        return new BlobHeader(chunkSize, plaintextLength, wrappedKey);
    }
}
