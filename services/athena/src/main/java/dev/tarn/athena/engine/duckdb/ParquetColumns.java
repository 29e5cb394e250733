package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.catalog.S3ObjectSummary;
import dev.tarn.athena.engine.catalog.S3Objects;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.util.Objects.requireNonNull;

/**
 * Reads only what a query needs of a Parquet object: the footer, then the column chunks of the
 * columns the statement names in the row groups it may need, each with a ranged GetObject, into
 * a sparse scratch file that DuckDB reads as the whole file (it never touches the chunks of
 * columns the query does not project). Row groups whose statistics rule out the WHERE clause's
 * comparisons ({@link RowGroupFilter}), or that come after the first rows a bare {@code LIMIT}
 * needs, are dropped from a rewritten footer, so DuckDB does not look for them.
 * DataScannedInBytes then counts the footer and those chunks only. Decrypting and writing the
 * ranges is the cost, so they are fetched in pieces on as many threads as DuckDB has.
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
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private final S3Objects s3;
    private final ScratchSpace scratch;
    private final long rangedReadsFrom;
    private final int concurrency;

    /**
     * @param rangedReadsFrom objects smaller than this are copied whole: one request costs less than several
     * @param concurrency how many pieces are fetched at once
     */
    ParquetColumns(S3Objects s3, ScratchSpace scratch, long rangedReadsFrom, int concurrency)
    {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive");
        }
        this.rangedReadsFrom = rangedReadsFrom;
        this.concurrency = concurrency;
        this.s3 = requireNonNull(s3, "s3 is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    /**
     * A local file DuckDB can read for the query; columns outside {@code needed} (when given) may
     * be holes, and row groups {@code filter} rules out, or beyond the first {@code rowLimit} rows
     * (when given: any rows will do), are left out.
     */
    Path fetch(S3ObjectSummary object, Optional<Set<String>> needed, RowGroupFilter filter, OptionalLong rowLimit)
            throws IOException
    {
        if (object.size() < rangedReadsFrom || object.size() < 12) {
            return scratch.copy(s3.open(object), ".parquet");
        }
        long tailStart = object.size() - Math.min(TAIL_GUESS, Math.max(8, object.size() / 64));
        byte[] tail = scratch.read(s3.openRange(object, tailStart, object.size() - 1));
        int end = tail.length;
        if (end != object.size() - tailStart || !Arrays.equals(tail, end - 4, end, MAGIC, 0, 4)) {
            throw notParquet(object);
        }
        long footerLength = Integer.toUnsignedLong(ByteBuffer.wrap(tail, end - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        long footerStart = object.size() - 8 - footerLength;
        if (footerStart < 4) {
            throw notParquet(object);
        }
        byte[] footer;
        if (footerStart >= tailStart) {
            footer = Arrays.copyOfRange(tail, (int) (footerStart - tailStart), end - 8);
        }
        else {
            byte[] head = scratch.read(s3.openRange(object, footerStart, tailStart - 1));
            footer = new byte[(int) footerLength];
            System.arraycopy(head, 0, footer, 0, head.length);
            System.arraycopy(tail, 0, footer, head.length, end - 8);
        }
        FileMetaData metadata;
        try {
            metadata = Util.readFileMetaData(new ByteArrayInputStream(footer));
        }
        catch (IOException | RuntimeException e) {
            throw new IOException("s3://" + object.bucket() + "/" + object.key() + " has no readable Parquet footer", e);
        }
        List<RowGroup> kept = rowGroups(metadata, filter, rowLimit);
        Path file;
        if (kept.size() == metadata.getRow_groupsSize()) {
            file = scratch.sparseFile(object.size(), ".parquet");
            scratch.write(file, footerStart, footer);
            scratch.write(file, object.size() - 8, Arrays.copyOfRange(tail, end - 8, end));
        }
        else {
            FileMetaData pruned = metadata.deepCopy();
            pruned.setRow_groups(kept);
            pruned.setNum_rows(kept.stream().mapToLong(RowGroup::getNum_rows).sum());
            ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
            Util.writeFileMetaData(pruned, rewritten);
            int length = rewritten.size();
            rewritten.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array());
            rewritten.write(MAGIC);
            // the kept chunks stay where they are (their offsets are absolute); the new footer follows the data
            file = scratch.sparseFile(footerStart + rewritten.size(), ".parquet");
            scratch.write(file, footerStart, rewritten.toByteArray());
        }
        // what the first read brought before the footer is data too; the rest is fetched only up to it
        long fetchedFrom = Math.min(footerStart, tailStart);
        if (tailStart < footerStart) {
            scratch.write(file, tailStart, Arrays.copyOfRange(tail, 0, (int) (footerStart - tailStart)));
        }
        List<long[]> ranges = chunks(kept, needed, fetchedFrom);
        if (ranges.isEmpty() || ranges.get(0)[0] > 0) {
            scratch.write(file, 0, MAGIC);
        }
        fill(object, file, pieces(ranges));
        return file;
    }

    private static IOException notParquet(S3ObjectSummary object)
    {
        return new IOException("s3://" + object.bucket() + "/" + object.key() + " is not a Parquet file");
    }

    /** The row groups the query may need, in file order. */
    private static List<RowGroup> rowGroups(FileMetaData metadata, RowGroupFilter filter, OptionalLong rowLimit)
    {
        List<RowGroup> kept = new ArrayList<>();
        long rows = 0;
        for (RowGroup group : metadata.getRow_groups()) {
            if (rowLimit.isPresent() && rows >= rowLimit.getAsLong()) {
                break;
            }
            if (filter.mayMatch(metadata, group)) {
                kept.add(group);
                rows += group.getNum_rows();
            }
        }
        return kept;
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
     * Byte ranges (start, length) of the column chunks of the needed top-level columns in the
     * row groups, and of their bloom filters (DuckDB consults them for equality filters). Ranges
     * less than a megabyte apart are merged (the gap is read too, and counted): one request per
     * row group costs less than one per chunk. Nothing from {@code fetchedFrom} on: the first read
     * brought it.
     */
    private static List<long[]> chunks(List<RowGroup> groups, Optional<Set<String>> needed, long fetchedFrom)
            throws IOException
    {
        List<long[]> wanted = new ArrayList<>();
        for (RowGroup group : groups) {
            for (ColumnChunk chunk : group.getColumns()) {
                if (!chunk.isSetMeta_data()) {
                    throw new IOException("Encrypted Parquet columns are not supported");
                }
                ColumnMetaData metadata = chunk.getMeta_data();
                String column = metadata.getPath_in_schema().get(0).toLowerCase(Locale.ROOT);
                if (needed.isPresent() && !needed.get().contains(column)) {
                    continue;
                }
                long start = metadata.getData_page_offset();
                if (metadata.isSetDictionary_page_offset() && metadata.getDictionary_page_offset() > 0) {
                    start = Math.min(start, metadata.getDictionary_page_offset());
                }
                wanted.add(new long[] {start, metadata.getTotal_compressed_size()});
                if (metadata.isSetBloom_filter_offset() && metadata.getBloom_filter_offset() > 0 && metadata.isSetBloom_filter_length()
                        && metadata.getBloom_filter_length() > 0) {
                    wanted.add(new long[] {metadata.getBloom_filter_offset(), metadata.getBloom_filter_length()});
                }
            }
        }
        wanted.sort(Comparator.comparingLong(range -> range[0]));
        if (!wanted.isEmpty() && wanted.get(0)[0] == MAGIC.length) {
            // the leading magic number comes with a first chunk that follows it (else it is written, not read)
            wanted.add(0, new long[] {0, MAGIC.length});
        }
        List<long[]> merged = new ArrayList<>();
        for (long[] whole : wanted) {
            if (whole[0] >= fetchedFrom) {
                continue;
            }
            long[] range = {whole[0], Math.min(whole[1], fetchedFrom - whole[0])};
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
