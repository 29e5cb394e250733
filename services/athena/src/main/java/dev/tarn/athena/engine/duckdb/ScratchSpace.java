package dev.tarn.athena.engine.duckdb;

import dev.tarn.scan.NamedPipes;
import dev.tarn.scan.PipeFeeder;
import dev.tarn.spi.http.ResponseBody;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One statement's owner-only scratch folder: the named pipes DuckDB reads CSV and JSON objects
 * through (the plaintext passes the kernel's pipe buffer, never the disk), scratch copies of
 * Parquet objects (which need random access) and files a CTAS writes before uploading them.
 * Everything in it is deleted when the statement ends, whether it succeeded, failed or was
 * cancelled.
 */
final class ScratchSpace
        implements AutoCloseable
{
    private final Path folder;
    private final ScanBudget budget;
    private final List<Feeder> feeders = new ArrayList<>();
    private final List<PipeFeeder> scans = new ArrayList<>();
    private final AtomicReference<Exception> sourceFailure = new AtomicReference<>();
    private int counter;

    private final NamedPipes pipes;

    private ScratchSpace(Path folder, ScanBudget budget, NamedPipes pipes)
    {
        this.folder = folder;
        this.budget = budget;
        this.pipes = pipes;
    }

    static ScratchSpace create(Path parent, String statementId, ScanBudget budget, NamedPipes pipes)
    {
        requireNonNull(budget, "budget is null");
        requireNonNull(pipes, "pipes is null");
        try {
            Files.createDirectories(parent);
            Path folder = parent.resolve(statementId.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + System.nanoTime());
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new ScratchSpace(folder, budget, pipes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path folder()
    {
        return folder;
    }

    /** A fresh path in the folder whose name ends in {@code suffix} (DuckDB reads compression from it). */
    synchronized Path newPath(String suffix)
    {
        return folder.resolve("f" + (counter++) + suffix);
    }

    /**
     * A named pipe filled with the object's plaintext passed through {@code decoder} (which sees
     * the bytes after they were counted as scanned).
     */
    Path pipe(ResponseBody body, String suffix, Decoder decoder)
    {
        Path path = newPath(suffix);
        try {
            pipes.create(path);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Feeder feeder = new Feeder(path, body, decoder);
        synchronized (feeders) {
            feeders.add(feeder);
        }
        feeder.thread.start();
        return path;
    }

    /** {@code count} new named pipes whose names end in {@code suffix}. */
    List<Path> pipes(int count, String suffix)
    {
        List<Path> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            paths.add(newPath(suffix));
        }
        try {
            pipes.create(paths);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }

    /**
     * A feeder for the pipes of one DuckDB scan (one file list), filling at most
     * {@code concurrency} at a time in the order they are queued, which is the order DuckDB
     * opens a list. Each scan needs its own: DuckDB may read two scans (a join's sides) in
     * either order.
     */
    PipeFeeder scanFeeder(int concurrency)
    {
        PipeFeeder feeder = new PipeFeeder(concurrency, "athena-scan");
        synchronized (scans) {
            scans.add(feeder);
        }
        return feeder;
    }

    /** {@code out}, counting what is written into it as scanned (and failing past the cut-off). */
    OutputStream counted(OutputStream out)
    {
        return new Counting(out, new AtomicBoolean());
    }

    /** A scratch copy of the object's plaintext (for formats that need random access). */
    Path copy(ResponseBody body, String suffix)
            throws IOException
    {
        Path path = newPath(suffix);
        try (OutputStream out = new Counting(Files.newOutputStream(path), new AtomicBoolean())) {
            body.writeTo(out);
        }
        return path;
    }

    /** A small object range read into memory (a Parquet footer), counted as scanned. */
    byte[] read(ResponseBody body)
            throws IOException
    {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new Counting(bytes, new AtomicBoolean())) {
            body.writeTo(out);
        }
        return bytes.toByteArray();
    }

    /** An owner-only sparse file of {@code size} bytes, to be filled range by range with {@link #fill}. */
    Path sparseFile(long size, String suffix)
            throws IOException
    {
        Path path = newPath(suffix);
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(size);
        }
        return path;
    }

    /** Writes bytes already counted (read with {@link #read}) into {@code file} at {@code offset}. */
    void write(Path file, long offset, byte[] bytes)
            throws IOException
    {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            long position = offset;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }
    }

    /** Writes an object range's plaintext into {@code file} at {@code offset}, counted as scanned. */
    void fill(Path file, long offset, ResponseBody body)
            throws IOException
    {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.position(offset);
            try (OutputStream out = new Counting(java.nio.channels.Channels.newOutputStream(channel), new AtomicBoolean())) {
                body.writeTo(out);
            }
        }
    }

    /** A failure reading an object (not DuckDB hanging up early), if one happened. */
    Optional<Exception> sourceFailure()
    {
        return Optional.ofNullable(sourceFailure.get()).or(() -> scanFeeders().stream().flatMap(feeder -> feeder.sourceFailure().stream()).findFirst());
    }

    private List<PipeFeeder> scanFeeders()
    {
        synchronized (scans) {
            return List.copyOf(scans);
        }
    }

    /** Waits until every pipe DuckDB opened was written to its end, so a truncated read is noticed. */
    void awaitFeeders()
    {
        scanFeeders().forEach(PipeFeeder::awaitOpened);
        List<Feeder> all;
        synchronized (feeders) {
            all = List.copyOf(feeders);
        }
        for (Feeder feeder : all) {
            if (feeder.opened.get()) {
                try {
                    feeder.thread.join(TimeUnit.SECONDS.toMillis(30));
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close()
    {
        scanFeeders().forEach(PipeFeeder::close);
        List<Feeder> all;
        synchronized (feeders) {
            all = List.copyOf(feeders);
        }
        for (Feeder feeder : all) {
            feeder.stop();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            // what is left is removed with the scratch folder on the next start
        }
    }

    /** Counts bytes into the budget; remembers whether a failure was the sink's (a broken pipe). */
    private final class Counting
            extends FilterOutputStream
    {
        private final AtomicBoolean sinkFailed;

        Counting(OutputStream out, AtomicBoolean sinkFailed)
        {
            super(out);
            this.sinkFailed = sinkFailed;
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            budget.add(length);
            try {
                out.write(bytes, offset, length);
            }
            catch (IOException e) {
                sinkFailed.set(true);
                throw e;
            }
        }

        @Override
        public void write(int b)
                throws IOException
        {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    /** Transforms an object's bytes on their way into a pipe. */
    interface Decoder
    {
        OutputStream decode(OutputStream pipe)
                throws IOException;
    }

    /** Marks failures writing into the pipe (DuckDB went away), as opposed to failures reading the object. */
    private static final class SinkFailures
            extends FilterOutputStream
    {
        private final AtomicBoolean failed;

        SinkFailures(OutputStream out, AtomicBoolean failed)
        {
            super(out);
            this.failed = failed;
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            try {
                out.write(bytes, offset, length);
            }
            catch (IOException e) {
                failed.set(true);
                throw e;
            }
        }

        @Override
        public void write(int b)
                throws IOException
        {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush()
                throws IOException
        {
            try {
                out.flush();
            }
            catch (IOException e) {
                failed.set(true);
                throw e;
            }
        }

        @Override
        public void close()
                throws IOException
        {
            try {
                out.close();
            }
            catch (IOException e) {
                failed.set(true);
                throw e;
            }
        }
    }

    private final class Feeder
    {
        private final Path path;
        private final ResponseBody body;
        private final Decoder decoder;
        private final Thread thread;
        private final AtomicBoolean opened = new AtomicBoolean();

        Feeder(Path path, ResponseBody body, Decoder decoder)
        {
            this.path = path;
            this.body = body;
            this.decoder = decoder;
            this.thread = new Thread(this::fill, "athena-scan-pipe");
            this.thread.setDaemon(true);
        }

        private void fill()
        {
            AtomicBoolean sinkFailed = new AtomicBoolean();
            try (OutputStream pipe = new SinkFailures(Files.newOutputStream(path), sinkFailed);
                    OutputStream out = new Counting(decoder.decode(pipe), new AtomicBoolean())) {
                opened.set(true);
                body.writeTo(out);
            }
            catch (IOException | RuntimeException e) {
                if (!sinkFailed.get() && !budget.exceeded()) {
                    sourceFailure.compareAndSet(null, e);
                }
                // else DuckDB hung up (LIMIT reached, failed or cancelled): nothing more to write
            }
        }

        void stop()
        {
            if (thread.isAlive() && !opened.get()) {
                // the writer waits for a reader that never came: meet it, then hang up
                try (InputStream unblock = Files.newInputStream(path)) {
                    unblock.available();
                }
                catch (IOException e) {
                    // the writer ends either way
                }
            }
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
