package dev.tarn.athena.engine.duckdb;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Decrypted bytes of objects kept between statements, in owner-only sparse files in a
 * memory-backed folder (tmpfs), so that a table read again is read as DuckDB reads a local file
 * (in place, in parallel, without decrypting it again), as the operating system's page cache
 * serves a plain file. Nothing of it is ever written to disk: without a memory-backed folder
 * there is no cache.
 *
 * <p>An entry is one version of one object (bucket, key, ETag and size), filled range by range as
 * statements need them, so a Parquet object holds the chunks queries asked for and a text object
 * all of it. Entries used by a running statement are pinned; the least recently used others are
 * evicted to keep the filled bytes within the capacity. The cache does not authorize: a statement
 * reads an object as its caller (a ranged GetObject, which gives its current ETag) before using
 * its entry.
 */
public final class PlaintextCache
        implements AutoCloseable
{
    /** One version of one object. */
    public record Identity(String bucket, String key, String etag, long size)
    {
        public Identity
        {
            requireNonNull(bucket, "bucket is null");
            requireNonNull(key, "key is null");
            requireNonNull(etag, "etag is null");
        }
    }

    /** Writes the plaintext of byte ranges ({start, length}) of the object into the file at their offsets. */
    @FunctionalInterface
    public interface RangeFetcher
    {
        void fetch(Path file, List<long[]> ranges)
                throws IOException;
    }

    private static final String STATEMENTS = "statements";

    private final Optional<Path> folder;
    private final long capacity;
    // guarded by this
    private final Map<Identity, Entry> entries = new HashMap<>();
    private long filled;
    private long served;
    private long clock;

    private PlaintextCache(Optional<Path> folder, long capacity)
    {
        this.folder = folder;
        this.capacity = capacity;
    }

    /** A cache of at most {@code capacity} bytes in {@code folder}, which must be memory-backed; its content is removed first. */
    public static PlaintextCache in(Path folder, long capacity)
    {
        requireNonNull(folder, "folder is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        try {
            deleteTree(folder);
            Files.createDirectories(folder.getParent());
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectory(folder.resolve(STATEMENTS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PlaintextCache(Optional.of(folder), capacity);
    }

    /** No cache: every statement reads its objects from S3. */
    public static PlaintextCache none()
    {
        return new PlaintextCache(Optional.empty(), 0);
    }

    public Optional<Path> folder()
    {
        return folder;
    }

    /**
     * Where statements keep their own decrypted scratch files (a Parquet read's sparse file) in the
     * same memory, outside the cache's entries and capacity; each statement deletes its own.
     */
    public Optional<Path> statementFolder()
    {
        return folder.map(path -> path.resolve(STATEMENTS));
    }

    public long capacity()
    {
        return capacity;
    }

    /**
     * The entry of {@code object} with the {@code needed} ranges ({start, length}) filled,
     * fetching those it lacks; pinned until the lease is closed. Empty when there is no cache, the
     * missing bytes do not fit beside the pinned entries, or some are missing and {@code fetcher}
     * is absent.
     */
    public Optional<Lease> acquire(Identity object, List<long[]> needed, Optional<RangeFetcher> fetcher)
            throws IOException
    {
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        Entry entry;
        synchronized (this) {
            entry = entries.get(object);
            if (entry == null) {
                // another version of the object is never read again: its plaintext goes now, unless a statement uses it
                new ArrayList<>(entries.values()).stream()
                        .filter(other -> other.pins == 0 && other.object.bucket().equals(object.bucket()) && other.object.key().equals(object.key()))
                        .forEach(this::remove);
                entry = new Entry(object, folder.get().resolve(UUID.randomUUID() + ".bin"));
                entries.put(object, entry);
            }
            entry.pins++;
            entry.lastUse = ++clock;
        }
        boolean leased = false;
        try {
            // one statement fills an entry at a time; the others wait for its ranges rather than fetch them again
            synchronized (entry) {
                if (entry.broken) {
                    return Optional.empty();
                }
                entry.create();
                List<long[]> missing = entry.missing(needed);
                long bytes = missing.stream().mapToLong(range -> range[1]).sum();
                countServed(needed.stream().mapToLong(range -> range[1]).sum() - bytes);
                if (bytes > 0) {
                    if (fetcher.isEmpty() || !reserve(entry, bytes)) {
                        return Optional.empty();
                    }
                    try {
                        fetcher.get().fetch(entry.path, missing);
                    }
                    catch (IOException | RuntimeException e) {
                        // what was written is unknown: the entry goes once it is no longer used
                        entry.broken = true;
                        throw e;
                    }
                    entry.addFilled(missing);
                }
            }
            leased = true;
            return Optional.of(new Lease(entry));
        }
        finally {
            if (!leased) {
                release(entry);
            }
        }
    }

    /** Counts {@code bytes} more as filled, evicting unpinned entries as needed; false if they cannot fit. */
    private synchronized boolean reserve(Entry entry, long bytes)
    {
        while (filled + bytes > capacity) {
            Optional<Entry> victim = entries.values().stream().filter(other -> other != entry && other.pins == 0)
                    .min(Comparator.comparingLong(other -> other.lastUse));
            if (victim.isEmpty()) {
                return false;
            }
            remove(victim.get());
        }
        filled += bytes;
        entry.bytes += bytes;
        return true;
    }

    private synchronized void release(Entry entry)
    {
        entry.pins--;
        if (entry.pins == 0 && entry.broken) {
            remove(entry);
        }
    }

    // guarded by this
    private void remove(Entry entry)
    {
        if (entries.get(entry.object) == entry) {
            entries.remove(entry.object);
        }
        filled -= entry.bytes;
        entry.bytes = 0;
        try {
            Files.deleteIfExists(entry.path);
        }
        catch (IOException e) {
            // the folder is emptied on the next start
        }
    }

    /** Bytes held by entries now. */
    public synchronized long filledBytes()
    {
        return filled;
    }

    /** Bytes that leases found in their entries already, without fetching them, since the cache opened. */
    public synchronized long servedBytes()
    {
        return served;
    }

    private synchronized void countServed(long bytes)
    {
        served += bytes;
    }

    @Override
    public synchronized void close()
    {
        entries.values().forEach(entry -> entry.pins = 0);
        new ArrayList<>(entries.values()).forEach(this::remove);
        folder.ifPresent(path -> {
            try {
                deleteTree(path);
            }
            catch (IOException e) {
                // removed on the next start
            }
        });
    }

    private static void deleteTree(Path folder)
            throws IOException
    {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A pinned entry: its file holds the ranges asked for while the lease is open. */
    public final class Lease
            implements AutoCloseable
    {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry)
        {
            this.entry = entry;
        }

        public Path path()
        {
            return entry.path;
        }

        @Override
        public synchronized void close()
        {
            if (!closed) {
                closed = true;
                release(entry);
            }
        }
    }

    private static final class Entry
    {
        private final Identity object;
        private final Path path;
        /** Disjoint, sorted {start, end} ranges that hold the object's bytes. */
        private final List<long[]> ranges = new ArrayList<>();
        // guarded by the cache
        private int pins;
        private long lastUse;
        private long bytes;
        // guarded by this
        private boolean broken;
        private boolean created;

        Entry(Identity object, Path path)
        {
            this.object = object;
            this.path = path;
        }

        void create()
                throws IOException
        {
            if (!created) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
                    file.setLength(object.size());
                }
                created = true;
            }
        }

        /** The parts of {@code needed} ({start, length}) not filled yet, as {start, length}. */
        List<long[]> missing(List<long[]> needed)
        {
            List<long[]> missing = new ArrayList<>();
            for (long[] range : needed) {
                long start = range[0];
                long end = range[0] + range[1];
                for (long[] have : ranges) {
                    if (have[1] <= start || have[0] >= end) {
                        continue;
                    }
                    if (have[0] > start) {
                        missing.add(new long[] {start, have[0] - start});
                    }
                    start = Math.max(start, have[1]);
                    if (start >= end) {
                        break;
                    }
                }
                if (start < end) {
                    missing.add(new long[] {start, end - start});
                }
            }
            return missing;
        }

        void addFilled(List<long[]> added)
        {
            for (long[] range : added) {
                ranges.add(new long[] {range[0], range[0] + range[1]});
            }
            ranges.sort(Comparator.comparingLong(range -> range[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] range : ranges) {
                long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && range[0] <= last[1]) {
                    last[1] = Math.max(last[1], range[1]);
                }
                else {
                    merged.add(range);
                }
            }
            ranges.clear();
            ranges.addAll(merged);
        }
    }
}
