package dev.tarn.athena.engine.duckdb;

import dev.tarn.scan.NamedPipes;
import dev.tarn.scan.PipeFeeder;
import dev.tarn.spi.http.ResponseBody;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
    private boolean folderMade;
    private final ScanBudget budget;
    private final List<PipeFeeder> scans = new ArrayList<>();
    private final List<AutoCloseable> held = new ArrayList<>();
    private int counter;

    private final NamedPipes pipes;

    private final Optional<Path> memoryFolder;
    private final long memoryLimit;
    private boolean memoryFolderMade;
    private long memoryBytes;

    private ScratchSpace(Path folder, ScanBudget budget, NamedPipes pipes, Optional<Path> memoryFolder, long memoryLimit)
    {
        this.folder = folder;
        this.budget = budget;
        this.pipes = pipes;
        this.memoryFolder = memoryFolder;
        this.memoryLimit = memoryLimit;
    }

    /**
     * @param memoryParent a memory-backed folder for the statement's decrypted scratch files, at most {@code memoryLimit}
     *         bytes of them in all (the rest go to the scratch folder on disk)
     */
    static ScratchSpace create(Path parent, String statementId, ScanBudget budget, NamedPipes pipes, Optional<Path> memoryParent, long memoryLimit)
    {
        requireNonNull(budget, "budget is null");
        requireNonNull(pipes, "pipes is null");
        // the folders are made when first used: most small statements need none
        String name = statementId.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + System.nanoTime();
        return new ScratchSpace(parent.resolve(name), budget, pipes, memoryParent.map(memory -> memory.resolve(name)), memoryLimit);
    }

    /** A fresh path in the folder whose name ends in {@code suffix} (DuckDB reads compression from it). */
    synchronized Path newPath(String suffix)
    {
        if (!folderMade) {
            try {
                Files.createDirectories(folder.getParent());
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            folderMade = true;
        }
        return folder.resolve("f" + (counter++) + suffix);
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
        return new Counting(out);
    }

    /** A fresh path for a decrypted file of {@code size} bytes: in memory when it has room for it, else in the folder. */
    private synchronized Path plaintextPath(long size, String suffix)
            throws IOException
    {
        if (memoryFolder.isEmpty() || memoryBytes + size > memoryLimit) {
            return newPath(suffix);
        }
        memoryBytes += size;
        if (!memoryFolderMade) {
            Files.createDirectory(memoryFolder.get(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            memoryFolderMade = true;
        }
        return memoryFolder.get().resolve("f" + (counter++) + suffix);
    }

    /** A scratch copy of the object's plaintext (for formats that need random access). */
    Path copy(ResponseBody body, String suffix)
            throws IOException
    {
        Path path = plaintextPath(body.length().orElse(Long.MAX_VALUE), suffix);
        try (OutputStream out = new Counting(Files.newOutputStream(path))) {
            body.writeTo(out);
        }
        return path;
    }

    /** A small object range read into memory (a Parquet footer), counted as scanned. */
    byte[] read(ResponseBody body)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new Counting(bytes)) {
            body.writeTo(out);
        }
        return bytes.toByteArray();
    }

    /** An owner-only sparse file of {@code size} bytes, to be filled range by range with {@link #fill}. */
    Path sparseFile(long size, String suffix)
            throws IOException
    {
        Path path = plaintextPath(size, suffix);
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(size);
        }
        return path;
    }

    /** Writes bytes already counted (read with {@link #read}) into {@code file} at {@code offset}. */
    void write(Path file, long offset, byte[] bytes)
            throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = offset;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }
    }

    /** Copies the byte ranges (start, length) of {@code source} to the same places in {@code target}. */
    void copyRanges(Path source, Path target, List<long[]> ranges)
            throws IOException
    {
        try (FileChannel from = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel to = FileChannel.open(target, StandardOpenOption.WRITE)) {
            for (long[] range : ranges) {
                long copied = 0;
                while (copied < range[1]) {
                    long moved = from.transferTo(range[0] + copied, range[1] - copied, to.position(range[0] + copied));
                    if (moved <= 0) {
                        throw new EOFException(source + " ends before " + (range[0] + copied));
                    }
                    copied += moved;
                }
            }
        }
    }

    /** Writes an object range's plaintext into {@code file} at {@code offset}, counted as scanned when {@code counted}. */
    void fill(Path file, long offset, ResponseBody body, boolean counted)
            throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.position(offset);
            OutputStream plain = Channels.newOutputStream(channel);
            try (OutputStream out = counted ? new Counting(plain) : plain) {
                body.writeTo(out);
            }
        }
    }

    /** Counts bytes as scanned that the statement reads from elsewhere than S3 (the plaintext cache); fails past the cut-off. */
    void count(long bytes)
            throws IOException
    {
        budget.add(bytes);
    }

    /** Whether {@code bytes} more may be scanned without passing the cut-off. */
    boolean allows(long bytes)
    {
        return budget.allows(bytes);
    }

    /** Closes {@code resource} (a cache lease) when the statement ends. */
    void hold(AutoCloseable resource)
    {
        synchronized (held) {
            held.add(resource);
        }
    }

    /** A failure reading an object (not DuckDB hanging up early), if one happened. */
    Optional<Exception> sourceFailure()
    {
        return scanFeeders().stream().flatMap(feeder -> feeder.sourceFailure().stream()).findFirst();
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
    }

    @Override
    public void close()
    {
        // pipe writers that DuckDB never opened are met and hung up first
        scanFeeders().forEach(PipeFeeder::close);
        synchronized (held) {
            for (AutoCloseable resource : held) {
                try {
                    resource.close();
                }
                catch (Exception e) {
                    // a lease's release does not fail
                }
            }
            held.clear();
        }
        List<Path> folders = new ArrayList<>();
        synchronized (this) {
            if (folderMade) {
                folders.add(folder);
            }
            memoryFolder.filter(memory -> memoryFolderMade).ifPresent(folders::add);
        }
        for (Path root : folders) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
            catch (IOException e) {
                // what is left is removed with the scratch folder (or the cache's) on the next start
            }
        }
    }

    /** Counts bytes into the budget as they pass. */
    private final class Counting
            extends FilterOutputStream
    {
        Counting(OutputStream out)
        {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            budget.add(length);
            out.write(bytes, offset, length);
        }

        @Override
        public void write(int b)
                throws IOException
        {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
