package dev.tarn.bench;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Object bodies of any length made on the fly, so that a 5 GiB upload needs no file and no
 * memory: one random 1 MiB block, repeated, with the object's seed and the block's index
 * stamped on each repetition so that no two blocks of one object, or of two objects, are equal
 * (Tarn does not deduplicate, but nothing should be able to take a shortcut either).
 */
final class GeneratedBytes
{
    private static final int BLOCK = 1 << 20;

    private final byte[] block;

    GeneratedBytes()
    {
        block = new byte[BLOCK];
        new Random(42).nextBytes(block);
    }

    /** {@code length} bytes of object {@code seed}, starting at byte {@code offset} of it. */
    InputStream stream(long seed, long offset, long length)
    {
        return new Stream(seed, offset, offset + length);
    }

    private final class Stream
            extends InputStream
    {
        private final long seed;
        private final long end;
        private final ByteBuffer stamp = ByteBuffer.allocate(16);
        private long position;

        Stream(long seed, long start, long end)
        {
            this.seed = seed;
            this.position = start;
            this.end = end;
        }

        @Override
        public int read()
        {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
        {
            if (position >= end) {
                return -1;
            }
            int inBlock = (int) (position % BLOCK);
            int count = (int) Math.min(Math.min(length, BLOCK - inBlock), end - position);
            System.arraycopy(block, inBlock, buffer, offset, count);
            // the first 16 bytes of each block carry (seed, block index)
            if (inBlock < 16) {
                stamp.clear();
                stamp.putLong(seed).putLong(position / BLOCK);
                int stamped = Math.min(16 - inBlock, count);
                System.arraycopy(stamp.array(), inBlock, buffer, offset, stamped);
            }
            position += count;
            return count;
        }

        @Override
        public long skip(long n)
        {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available()
        {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }
    }
}
