package dev.tarn.athena.engine.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * Decompresses gzip written into it and writes the plain bytes on: the JDK inflates only when
 * pulling, so a helper thread pulls through an in-memory pipe of bounded size.
 */
final class GunzippingOutputStream
        extends OutputStream
{
    private final PipedOutputStream compressed;
    private final Thread inflater;
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    GunzippingOutputStream(OutputStream plain)
            throws IOException
    {
        PipedInputStream input = new PipedInputStream(256 * 1024);
        this.compressed = new PipedOutputStream(input);
        this.inflater = new Thread(() -> {
            try (InputStream gzip = new GZIPInputStream(input, 64 * 1024); OutputStream out = plain) {
                gzip.transferTo(out);
            }
            catch (IOException e) {
                failure.set(e);
                try {
                    input.close();
                }
                catch (IOException ignored) {
                    // closing only unblocks the writer
                }
            }
        }, "athena-gunzip");
        this.inflater.setDaemon(true);
        this.inflater.start();
    }

    @Override
    public void write(int b)
            throws IOException
    {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length)
            throws IOException
    {
        rethrow();
        compressed.write(bytes, offset, length);
    }

    @Override
    public void close()
            throws IOException
    {
        compressed.close();
        try {
            inflater.join();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted decompressing", e);
        }
        rethrow();
    }

    private void rethrow()
            throws IOException
    {
        IOException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
