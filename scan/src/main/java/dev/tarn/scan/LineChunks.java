package dev.tarn.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import static java.util.Objects.requireNonNull;

/**
 * Cuts a stream that can only be read from its start (a compressed object) into consecutive
 * chunks ending at a newline, one per pipe: the feeders of consecutive pipes take turns reading
 * their chunk, then write it while the next one reads, so DuckDB parses the chunks in parallel
 * although the stream is read by one thread at a time. The last chunk takes whatever is left.
 * Memory: one buffer of {@code chunkBytes} per feeder writing at once.
 */
public final class LineChunks
        implements AutoCloseable
{
    private final InputStream in;
    private final int chunkBytes;
    private final BlockingQueue<byte[]> buffers;
    private final byte[] carry;
    private int carried;
    private int turn;
    private boolean ended;
    private boolean closed;

    public LineChunks(InputStream in, int chunkBytes, int concurrency)
    {
        this.in = requireNonNull(in, "in is null");
        if (chunkBytes < 1 || concurrency < 1) {
            throw new IllegalArgumentException("bad chunk size or concurrency");
        }
        this.chunkBytes = chunkBytes;
        this.buffers = new ArrayBlockingQueue<>(concurrency);
        this.carry = new byte[chunkBytes];
    }

    /** The content of chunk {@code index} (counted from 0); {@code last} takes the rest of the stream. */
    public PipeFeeder.Content chunk(int index, boolean last)
    {
        return pipe -> {
            byte[] buffer = last ? null : borrow();
            try {
                int length = take(index, last, pipe, buffer);
                if (length > 0) {
                    pipe.write(buffer, 0, length);
                }
            }
            finally {
                if (buffer != null) {
                    buffers.offer(buffer);
                }
            }
        };
    }

    private byte[] borrow()
    {
        byte[] buffer = buffers.poll();
        return buffer != null ? buffer : new byte[chunkBytes];
    }

    /** Waits for this chunk's turn, then reads it into {@code buffer} (or, for the last, copies the rest to {@code pipe}). */
    private synchronized int take(int index, boolean last, OutputStream pipe, byte[] buffer)
            throws IOException
    {
        try {
            while (turn != index && !closed) {
                wait();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a chunk's turn");
        }
        try {
            if (closed || ended) {
                return 0;
            }
            if (last) {
                pipe.write(carry, 0, carried);
                carried = 0;
                // the carry buffer is free from here on: the rest goes through it
                int read;
                while ((read = in.read(carry)) >= 0) {
                    pipe.write(carry, 0, read);
                }
                ended = true;
                return 0;
            }
            System.arraycopy(carry, 0, buffer, 0, carried);
            int length = carried;
            carried = 0;
            while (length < buffer.length) {
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    ended = true;
                    return length;
                }
                length += read;
            }
            int end = length;
            while (end > 0 && buffer[end - 1] != '\n') {
                end--;
            }
            if (end == 0) {
                // no line ends in a whole chunk: a record longer than any DuckDB accepts, which it reports
                return length;
            }
            carried = length - end;
            System.arraycopy(buffer, end, carry, 0, carried);
            return end;
        }
        catch (IOException | RuntimeException e) {
            ended = true;
            throw e;
        }
        finally {
            turn = index + 1;
            notifyAll();
        }
    }

    /** Chunks still waiting for their turn end empty; the stream is closed. */
    @Override
    public void close()
    {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            in.close();
        }
        catch (IOException e) {
            // nothing more is read from it
        }
    }
}
