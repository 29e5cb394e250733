package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.catalog.S3ObjectSummary;
import dev.tarn.athena.engine.catalog.S3Objects;
import dev.tarn.scan.LineRangeOutputStream;
import dev.tarn.scan.LineSplit;
import dev.tarn.scan.PipeFeeder;
import dev.tarn.spi.http.ResponseBody;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Feeds the text objects of one scan to DuckDB through named pipes. A plain object larger than
 * the split size is read as line-aligned byte ranges (Hadoop's rule: a line belongs to the range
 * it starts in), each with its own ranged GetObject into its own pipe, so that DuckDB, given all
 * the pipes in one {@code read_csv} list, parses them in parallel and in order. Header lines are
 * dropped here, from the first range of each object, and each range counts the bytes of its
 * lines, so the ranges of an object count it once. A gzip object cannot be split: it is
 * decompressed here, whole, into one pipe (DuckDB 1.5 reads no compressed input from a pipe:
 * gzip came out empty, zstd failed), and counts its compressed bytes.
 *
 * <p>JSON objects go whole, one pipe each, with member names lowered on the way
 * ({@link LowerCaseJsonKeys}).
 *
 * <p>The pipes of a scan are filled by one {@link PipeFeeder}, a few at a time in list order, so
 * a table of many objects holds a few threads, not one per object.
 */
final class TextScan
{
    /** A pipe holds 64 KB; writing it whole lets DuckDB take it in one read rather than eight. */
    private static final int PIPE_WRITE_BYTES = 64 << 10;

    private final S3Objects s3;
    private final ScratchSpace scratch;
    private final RangeFill ranges;
    private final PlaintextCache cache;
    private final long splitBytes;
    private final int concurrency;
    private final Map<List<S3ObjectSummary>, Optional<List<Path>>> cached = new HashMap<>();

    /**
     * @param cache where whole plain objects are found (or left) for DuckDB to read as local files
     * @param concurrency how many of the scan's pipes are filled at once (DuckDB reads as many as it has threads)
     */
    TextScan(S3Objects s3, ScratchSpace scratch, RangeFill ranges, PlaintextCache cache, long splitBytes, int concurrency)
    {
        this.s3 = requireNonNull(s3, "s3 is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        this.ranges = requireNonNull(ranges, "ranges is null");
        this.cache = requireNonNull(cache, "cache is null");
        if (splitBytes < 1 || concurrency < 1) {
            throw new IllegalArgumentException("the split size and concurrency must be positive");
        }
        this.splitBytes = splitBytes;
        this.concurrency = concurrency;
    }

    /**
     * The pipes of each object's text, header lines dropped, in the order to list them; they are
     * filled as DuckDB opens them. Every object must be plain or gzip. With {@code splitLarge}, plain
     * objects larger than the split size are read as several ranges (for DuckDB's threads); without
     * (a bare LIMIT's few first rows), each object is one pipe.
     */
    List<List<Path>> csv(List<S3ObjectSummary> files, int headerLines, boolean splitLarge)
    {
        List<List<LineSplit>> splits = new ArrayList<>();
        int count = 0;
        for (S3ObjectSummary file : files) {
            List<LineSplit> ranges = switch (Compression.of(file.key())) {
                case NONE -> splitLarge ? LineSplit.of(0, file.size(), splitBytes, Integer.MAX_VALUE) : List.of(new LineSplit(0, file.size()));
                case GZIP -> List.of(new LineSplit(0, file.size()));
                default -> throw new IllegalArgumentException("not plain or gzip text: " + file.key());
            };
            splits.add(ranges);
            count += ranges.size();
        }
        if (count == 0) {
            return List.of();
        }
        PipeFeeder feeder = scratch.scanFeeder(concurrency);
        List<Path> pipes = scratch.pipes(count, ".csv");
        List<List<Path>> perFile = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < files.size(); i++) {
            S3ObjectSummary file = files.get(i);
            List<Path> filePipes = pipes.subList(next, next + splits.get(i).size());
            next += filePipes.size();
            perFile.add(filePipes);
            for (int j = 0; j < filePipes.size(); j++) {
                LineSplit split = splits.get(i).get(j);
                int skip = split.start() == 0 ? headerLines : 0;
                feeder.feed(filePipes.get(j), Compression.of(file.key()) == Compression.GZIP ? pipe -> writeGzip(file, skip, pipe) : pipe -> writeLines(file, split, skip, pipe));
            }
        }
        return perFile;
    }

    /**
     * The objects' plaintext as files of the plaintext cache, header lines included, fetched into
     * it first where it lacks them; counted as scanned whole. Empty (nothing counted) when there
     * is no cache, an object is compressed or empty, they would take more than half the cache, the
     * cut-off would stop the statement before their end, or the cache cannot take them: then they
     * go through pipes. Each object is read as the caller first (a one-byte GetObject, which also
     * gives the version the cache must hold).
     */
    Optional<List<Path>> cachedCsv(List<S3ObjectSummary> files)
    {
        // a statement translated again (its typed read failed) finds the files it holds
        return cached.computeIfAbsent(List.copyOf(files), this::fetchIntoCache);
    }

    private Optional<List<Path>> fetchIntoCache(List<S3ObjectSummary> files)
    {
        long total = files.stream().mapToLong(S3ObjectSummary::size).sum();
        if (cache.folder().isEmpty() || files.isEmpty() || total > cache.capacity() / 2 || !scratch.allows(total)
                || files.stream().anyMatch(file -> file.size() == 0 || Compression.of(file.key()) != Compression.NONE)) {
            return Optional.empty();
        }
        List<PlaintextCache.Lease> leases = new ArrayList<>();
        boolean taken = false;
        try {
            for (S3ObjectSummary file : files) {
                S3Objects.VersionedRange version = s3.openVersionedRange(file, 0, 0, Optional.empty());
                if (version.size() != file.size()) {
                    // replaced since it was listed
                    return Optional.empty();
                }
                Optional<String> etag = Optional.of(version.etag());
                Optional<PlaintextCache.Lease> lease = cache.acquire(new PlaintextCache.Identity(file.bucket(), file.key(), version.etag(), file.size()),
                        List.of(new long[] {0, file.size()}), Optional.of((path, missing) -> ranges.fill(file, path, missing, etag, false)));
                if (lease.isEmpty()) {
                    return Optional.empty();
                }
                leases.add(lease.get());
            }
            scratch.count(total);
            leases.forEach(scratch::hold);
            taken = true;
            return Optional.of(leases.stream().map(PlaintextCache.Lease::path).toList());
        }
        catch (IOException e) {
            // the cache's folder is full or failing: the pipes read from S3 (and meet S3's own errors)
            return Optional.empty();
        }
        finally {
            if (!taken) {
                leases.forEach(PlaintextCache.Lease::close);
            }
        }
    }

    /** The pipes of the objects' newline-delimited JSON, member names in lower case, decompressed; filled as DuckDB opens them. */
    List<Path> json(List<S3ObjectSummary> files)
    {
        if (files.isEmpty()) {
            return List.of();
        }
        PipeFeeder feeder = scratch.scanFeeder(concurrency);
        List<Path> pipes = scratch.pipes(files.size(), ".json");
        for (int i = 0; i < pipes.size(); i++) {
            S3ObjectSummary file = files.get(i);
            feeder.feed(pipes.get(i), pipe -> {
                ResponseBody body = s3.open(file);
                // closing flushes the last record (and closes the pipe); the bytes are counted as they come from S3
                try (OutputStream json = Compression.of(file.key()).decompressing(new LowerCaseJsonKeys(new BufferedOutputStream(pipe, PIPE_WRITE_BYTES)))) {
                    body.writeTo(scratch.counted(json));
                }
            });
        }
        return pipes;
    }

    private void writeLines(S3ObjectSummary file, LineSplit split, int headerLines, OutputStream pipe)
            throws IOException
    {
        boolean whole = split.start() == 0 && split.end() == file.size();
        // to the object's end: the range's last line may run past its end, and the read stops once that line is complete
        ResponseBody body = whole ? s3.open(file) : s3.openRange(file, split.readFrom(), file.size() - 1);
        BufferedOutputStream buffered = new BufferedOutputStream(pipe, PIPE_WRITE_BYTES);
        OutputStream lines = new LineRangeOutputStream(scratch.counted(new HeaderLinesOutputStream(buffered, headerLines)), split);
        try {
            body.writeTo(lines);
        }
        catch (LineRangeOutputStream.RangeCompleteException e) {
            // the rest of the object belongs to the next ranges
        }
        buffered.flush();
    }

    private void writeGzip(S3ObjectSummary file, int headerLines, OutputStream pipe)
            throws IOException
    {
        ResponseBody body = s3.open(file);
        // closing the decompressor flushes the plain bytes and closes the pipe
        try (OutputStream plain = Compression.GZIP.decompressing(new HeaderLinesOutputStream(new BufferedOutputStream(pipe, PIPE_WRITE_BYTES), headerLines))) {
            body.writeTo(scratch.counted(plain));
        }
    }
}
