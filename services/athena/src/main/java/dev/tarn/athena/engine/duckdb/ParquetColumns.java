package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.catalog.S3ObjectSummary;
import dev.tarn.athena.engine.catalog.S3Objects;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.util.Objects.requireNonNull;

/**
 * Reads only what a query needs of a Parquet object: the footer, then the column chunks of the
 * columns the statement names, each with a ranged GetObject, into a sparse scratch file of the
 * object's size that DuckDB reads as the whole file (it never touches the chunks of columns the
 * query does not project). DataScannedInBytes then counts the footer and those chunks only.
 * Decrypting and writing the ranges is the cost, so they are fetched in pieces on as many
 * threads as DuckDB has.
 */
final class ParquetColumns
{
    private static final long MERGE_GAP = 1L << 20;
    /**
     * Read from the end at first: the footer and its length in one request, unless the footer is
     * larger. At most a 64th of the object, so the guess adds little to what a small one scans.
     */
    private static final long TAIL_GUESS = 64L << 10;
    /** Ranges are fetched in pieces of at most this size, several at once. */
    private static final long PIECE = 8L << 20;

    private final S3Objects s3;
    private final ScratchSpace scratch;
    private final DuckDbDatabase database;
    private final long rangedReadsFrom;
    private final int concurrency;

    /**
     * @param rangedReadsFrom objects smaller than this are copied whole: one request costs less than several
     * @param concurrency how many pieces are fetched at once
     */
    ParquetColumns(S3Objects s3, ScratchSpace scratch, DuckDbDatabase database, long rangedReadsFrom, int concurrency)
    {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive");
        }
        this.rangedReadsFrom = rangedReadsFrom;
        this.concurrency = concurrency;
        this.s3 = requireNonNull(s3, "s3 is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        this.database = requireNonNull(database, "database is null");
    }

    /** A local file DuckDB can read for the query; columns outside {@code needed} (when given) may be holes. */
    Path fetch(S3ObjectSummary object, Optional<Set<String>> needed)
            throws IOException, SQLException
    {
        if (object.size() < rangedReadsFrom || object.size() < 12) {
            return scratch.copy(s3.open(object), ".parquet");
        }
        long tailStart = object.size() - Math.min(TAIL_GUESS, Math.max(8, object.size() / 64));
        byte[] tail = scratch.read(s3.openRange(object, tailStart, object.size() - 1));
        int end = tail.length;
        if (end != object.size() - tailStart || tail[end - 4] != 'P' || tail[end - 3] != 'A' || tail[end - 2] != 'R' || tail[end - 1] != '1') {
            throw new IOException("s3://" + object.bucket() + "/" + object.key() + " is not a Parquet file");
        }
        long footerLength = Integer.toUnsignedLong(ByteBuffer.wrap(tail, end - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        long footerStart = object.size() - 8 - footerLength;
        if (footerStart < 4) {
            throw new IOException("s3://" + object.bucket() + "/" + object.key() + " is not a Parquet file");
        }
        Path file = scratch.sparseFile(object.size(), ".parquet");
        scratch.write(file, tailStart, tail);
        if (footerStart < tailStart) {
            scratch.fill(file, footerStart, s3.openRange(object, footerStart, tailStart - 1));
        }
        // every column: the rest of the object, before what the footer reads fetched
        List<long[]> ranges = needed.isPresent() ? chunks(file, needed.get()) : List.of(new long[] {0, Math.min(footerStart, tailStart)});
        fill(object, file, pieces(ranges));
        return file;
    }

    private static List<long[]> pieces(List<long[]> ranges)
    {
        List<long[]> pieces = new ArrayList<>();
        for (long[] range : ranges) {
            for (long offset = 0; offset < range[1]; offset += PIECE) {
                pieces.add(new long[] {range[0] + offset, Math.min(PIECE, range[1] - offset)});
            }
        }
        return pieces;
    }

    /** Fetches the pieces into the file, {@code concurrency} at a time; the first failure is thrown once all have stopped. */
    private void fill(S3ObjectSummary object, Path file, List<long[]> pieces)
            throws IOException
    {
        if (pieces.size() <= 1 || concurrency == 1) {
            for (long[] piece : pieces) {
                scratch.fill(file, piece[0], s3.openRange(object, piece[0], piece[0] + piece[1] - 1));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, pieces.size()), runnable -> {
            Thread thread = new Thread(runnable, "athena-parquet-fetch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> fetches = new ArrayList<>();
            for (long[] piece : pieces) {
                fetches.add(pool.submit(() -> {
                    scratch.fill(file, piece[0], s3.openRange(object, piece[0], piece[0] + piece[1] - 1));
                    return null;
                }));
            }
            Optional<Throwable> failure = Optional.empty();
            for (Future<?> fetch : fetches) {
                try {
                    fetch.get();
                }
                catch (ExecutionException e) {
                    failure = failure.or(() -> Optional.of(e.getCause()));
                    fetches.forEach(other -> other.cancel(false));
                }
                catch (java.util.concurrent.CancellationException e) {
                    // stopped after another piece failed
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted fetching Parquet ranges", e);
                }
            }
            if (failure.isPresent()) {
                if (failure.get() instanceof IOException io) {
                    throw io;
                }
                if (failure.get() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(failure.get());
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    /**
     * Byte ranges (start, length) of the column chunks of the needed top-level columns, and of their
     * bloom filters (DuckDB consults them for equality filters). Ranges less than a megabyte apart
     * are merged (the gap is read too, and counted): one request per row group costs less than one
     * per chunk.
     */
    private List<long[]> chunks(Path file, Set<String> needed)
            throws SQLException
    {
        List<long[]> wanted = new ArrayList<>();
        try (DuckDbSession session = database.session();
                PreparedStatement statement = session.connection().prepareStatement("""
                        SELECT path_in_schema, coalesce(least(nullif(dictionary_page_offset, 0), data_page_offset), data_page_offset), total_compressed_size,
                               bloom_filter_offset, bloom_filter_length
                        FROM parquet_metadata(?)""")) {
            statement.setString(1, file.toString());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String column = rows.getString(1).split(",")[0].trim().toLowerCase(Locale.ROOT);
                    if (!needed.contains(column)) {
                        continue;
                    }
                    wanted.add(new long[] {rows.getLong(2), rows.getLong(3)});
                    long bloomOffset = rows.getLong(4);
                    long bloomLength = rows.getLong(5);
                    if (bloomOffset > 0 && bloomLength > 0) {
                        wanted.add(new long[] {bloomOffset, bloomLength});
                    }
                }
            }
        }
        wanted.sort(Comparator.comparingLong(range -> range[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] range : wanted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] - (last[0] + last[1]) <= MERGE_GAP) {
                last[1] = Math.max(last[0] + last[1], range[0] + range[1]) - last[0];
            }
            else {
                merged.add(new long[] {range[0], range[1]});
            }
        }
        return merged;
    }
}
