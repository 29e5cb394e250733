package dev.tarn.s3.select;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A named pipe that a thread fills from the object's plaintext while DuckDB reads it as a file:
 * the decrypted bytes pass through the kernel's pipe buffer and are never written to disk. When
 * DuckDB stops reading early (LIMIT), the writer sees a broken pipe and ends; a failure reading
 * the object is kept, so a query that saw a truncated input is reported as failed.
 */
final class RecordPipe
        implements AutoCloseable
{
    private final Path path;
    private final Thread writer;
    private final AtomicBoolean opened = new AtomicBoolean();
    private final AtomicReference<Exception> sourceFailure = new AtomicReference<>();

    private RecordPipe(Path path, InputStream data)
    {
        this.path = path;
        this.writer = new Thread(() -> fill(data), "s3-select-pipe");
        this.writer.setDaemon(true);
    }

    static RecordPipe start(Path directory, InputStream data)
    {
        Path path = directory.resolve("select-" + UUID.randomUUID() + ".fifo");
        try {
            Files.createDirectories(directory);
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
            if (!mkfifo.waitFor(30, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                throw new IOException("mkfifo failed: " + new String(mkfifo.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating a pipe", e);
        }
        RecordPipe pipe = new RecordPipe(path, data);
        pipe.writer.start();
        return pipe;
    }

    Path path()
    {
        return path;
    }

    /** A failure reading the object (not a broken pipe), if there was one. */
    Optional<Exception> sourceFailure()
    {
        return Optional.ofNullable(sourceFailure.get());
    }

    /** Waits for the writer to have written everything; call once DuckDB has read to the end. */
    void awaitWriter()
    {
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fill(InputStream data)
    {
        try (InputStream in = data; OutputStream out = Files.newOutputStream(path)) {
            opened.set(true);
            byte[] buffer = new byte[256 * 1024];
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                }
                catch (IOException | RuntimeException e) {
                    sourceFailure.set(e);
                    return;
                }
                if (read < 0) {
                    return;
                }
                out.write(buffer, 0, read);
            }
        }
        catch (IOException e) {
            // The reader went away (LIMIT reached, query failed or cancelled): nothing more to write.
        }
    }

    @Override
    public void close()
    {
        if (writer.isAlive() && !opened.get()) {
            // The writer is blocked opening the pipe because DuckDB never opened it: meet it, then hang up.
            try (InputStream unblock = Files.newInputStream(path)) {
                unblock.available();
            }
            catch (IOException e) {
                // the writer is gone either way
            }
        }
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException e) {
            // a stale pipe holds no data
        }
    }
}
