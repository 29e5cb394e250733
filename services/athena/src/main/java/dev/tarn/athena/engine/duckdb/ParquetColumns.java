package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.catalog.S3ObjectSummary;
import dev.tarn.athena.engine.catalog.S3Objects;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.checksum.Checksums;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

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
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private final S3Objects s3;
    private final ScratchSpace scratch;
    private final RangeFill ranges;
    private final PlaintextCache cache;
    private final ParquetFooters footers;
    private final long rangedReadsFrom;
    private final Map<String, Path> fetched = new HashMap<>();

    /**
     * @param rangedReadsFrom objects smaller than this are copied whole: one request costs less than several
     * @param cache where a read finds (and leaves) the chunks it needs
     * @param footers the decoded footers of objects read lately
     */
    ParquetColumns(S3Objects s3, ScratchSpace scratch, RangeFill ranges, PlaintextCache cache, ParquetFooters footers, long rangedReadsFrom)
    {
        this.s3 = requireNonNull(s3, "s3 is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        this.ranges = requireNonNull(ranges, "ranges is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.footers = requireNonNull(footers, "footers is null");
        this.rangedReadsFrom = rangedReadsFrom;
    }

    /**
     * A local file DuckDB can read for the query; columns outside {@code needed} (when given) may
     * be holes, and row groups {@code filter} rules out, or beyond the first {@code rowLimit} rows
     * (when given: any rows will do), are left out.
     */
    Path fetch(S3ObjectSummary object, Optional<Set<String>> needed, RowGroupFilter filter, OptionalLong rowLimit)
            throws IOException
    {
        // a statement translated again (its typed text read failed) reads the files it made
        String key = object + " " + needed + " " + filter + " " + rowLimit;
        Path done = fetched.get(key);
        if (done == null) {
            done = fetchOnce(object, needed, filter, rowLimit);
            fetched.put(key, done);
        }
        return done;
    }

    private Path fetchOnce(S3ObjectSummary object, Optional<Set<String>> needed, RowGroupFilter filter, OptionalLong rowLimit)
            throws IOException
    {
        if (object.size() < rangedReadsFrom || object.size() < 12) {
            return scratch.copy(s3.open(object), ".parquet");
        }
        long tailStart = object.size() - Math.min(TAIL_GUESS, Math.max(8, object.size() / 64));
        S3Objects.VersionedRange tailRead = s3.openVersionedRange(object, tailStart, object.size() - 1, Optional.empty());
        // every later range comes from the version the footer was read from
        Optional<String> etag = Optional.of(tailRead.etag());
        byte[] tail = scratch.read(tailRead.body());
        int end = tail.length;
        if (tailRead.size() != object.size() || end != object.size() - tailStart || !Arrays.equals(tail, end - 4, end, MAGIC, 0, 4)) {
            throw notParquet(object);
        }
        long footerLength = Integer.toUnsignedLong(ByteBuffer.wrap(tail, end - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        long footerStart = object.size() - 8 - footerLength;
        if (footerStart < 4) {
            throw notParquet(object);
        }
        // the bytes from here to the end are in hand: the first read, and the footer's start when it was larger
        long knownFrom = Math.min(footerStart, tailStart);
        byte[] known = tail;
        if (footerStart < tailStart) {
            byte[] head = scratch.read(s3.openVersionedRange(object, footerStart, tailStart - 1, etag).body());
            known = new byte[head.length + tail.length];
            System.arraycopy(head, 0, known, 0, head.length);
            System.arraycopy(tail, 0, known, head.length, tail.length);
        }
        byte[] footer = Arrays.copyOfRange(known, (int) (footerStart - knownFrom), known.length - 8);
        PlaintextCache.Identity identity = new PlaintextCache.Identity(object.bucket(), object.key(), tailRead.etag(), object.size());
        Optional<FileMetaData> decoded = footers.find(identity);
        FileMetaData metadata;
        if (decoded.isPresent()) {
            metadata = decoded.get();
        }
        else {
            try {
                metadata = Util.readFileMetaData(new ByteArrayInputStream(footer));
            }
            catch (IOException | RuntimeException e) {
                throw new IOException("s3://" + object.bucket() + "/" + object.key() + " has no readable Parquet footer", e);
            }
            footers.keep(identity, metadata, footer.length);
        }
        List<RowGroup> kept = rowGroups(metadata, filter, rowLimit);
        List<long[]> chunks = chunks(kept, needed, knownFrom);
        long chunkBytes = chunks.stream().mapToLong(range -> range[1]).sum();
        if (kept.size() == metadata.getRow_groupsSize()) {
            Optional<PlaintextCache.Lease> whole = leaseObject(object, identity, chunks, knownFrom, known);
            if (whole.isPresent()) {
                return held(whole.get(), chunkBytes);
            }
            Path file = scratch.sparseFile(object.size(), ".parquet");
            scratch.write(file, knownFrom, known);
            writeMagic(file, chunks);
            ranges.fill(object, file, chunks, etag, true);
            return file;
        }
        // the kept chunks stay where they are (their offsets are absolute); the new footer follows the data
        byte[] footerOfKept = footerOf(metadata, kept);
        Optional<PlaintextCache.Lease> cachedPruned = leasePruned(object, identity, chunks, knownFrom, known, footerStart, footerOfKept);
        if (cachedPruned.isPresent()) {
            return held(cachedPruned.get(), chunkBytes);
        }
        Path file = scratch.sparseFile(footerStart + footerOfKept.length, ".parquet");
        scratch.write(file, footerStart, footerOfKept);
        // what the first read brought before the footer is data too
        scratch.write(file, knownFrom, Arrays.copyOfRange(known, 0, (int) (footerStart - knownFrom)));
        writeMagic(file, chunks);
        ranges.fill(object, file, chunks, etag, true);
        return file;
    }

    private void writeMagic(Path file, List<long[]> chunks)
            throws IOException
    {
        if (chunks.isEmpty() || chunks.get(0)[0] > 0) {
            scratch.write(file, 0, MAGIC);
        }
    }

    /** The lease, held until the statement ends; its chunks count as scanned whether they were cached or fetched now. */
    private Path held(PlaintextCache.Lease lease, long chunkBytes)
            throws IOException
    {
        scratch.hold(lease);
        scratch.count(chunkBytes);
        return lease.path();
    }

    /** The footer of a file holding only the {@code kept} row groups, with its length and the closing magic number. */
    private static byte[] footerOf(FileMetaData metadata, List<RowGroup> kept)
            throws IOException
    {
        FileMetaData keptOnly = metadata.deepCopy();
        keptOnly.setRow_groups(kept);
        keptOnly.setNum_rows(kept.stream().mapToLong(RowGroup::getNum_rows).sum());
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        Util.writeFileMetaData(keptOnly, rewritten);
        int length = rewritten.size();
        rewritten.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array());
        rewritten.write(MAGIC);
        return rewritten.toByteArray();
    }

    /**
     * The object's entry in the plaintext cache, holding the chunks and everything from
     * {@code knownFrom} on. Empty when there is no cache, no room in it, or the chunks would pass
     * the scan cut-off.
     */
    private Optional<PlaintextCache.Lease> leaseObject(S3ObjectSummary object, PlaintextCache.Identity identity, List<long[]> chunks, long knownFrom,
            byte[] known)
    {
        long chunkBytes = chunks.stream().mapToLong(range -> range[1]).sum();
        if (cache.folder().isEmpty() || !scratch.allows(chunkBytes)) {
            return Optional.empty();
        }
        List<long[]> wanted = wanted(chunks, knownFrom, known.length);
        PlaintextCache.RangeFetcher fetcher = (file, missing) -> {
            List<long[]> remote = new ArrayList<>();
            for (long[] range : missing) {
                long remoteEnd = Math.min(range[0] + range[1], knownFrom);
                if (remoteEnd > range[0]) {
                    remote.add(new long[] {range[0], remoteEnd - range[0]});
                }
            }
            scratch.write(file, knownFrom, known);
            scratch.write(file, 0, MAGIC);
            ranges.fill(object, file, remote, Optional.of(identity.etag()), false);
        };
        try {
            return cache.acquire(identity, wanted, Optional.of(fetcher));
        }
        catch (IOException e) {
            // the cache's folder is full or failing: the statement's own scratch file will do
            return Optional.empty();
        }
    }

    /**
     * A cache entry of its own for a read that keeps some row groups of some columns: the kept
     * chunks where the object has them, then {@code footerOfKept} at {@code footerStart}. Made once
     * from the object's entry, it is read in place by the statements that read the same part
     * again (a preview, a selective WHERE), with nothing copied. It is named after the object's
     * version, the chunks and the new footer, which together say what it holds (its key is the
     * object's with a suffix: a real object of that key would also need the same ETag, an MD5 of
     * its content, and this entry's size).
     */
    private Optional<PlaintextCache.Lease> leasePruned(S3ObjectSummary object, PlaintextCache.Identity identity, List<long[]> chunks, long knownFrom,
            byte[] known, long footerStart, byte[] footerOfKept)
    {
        long chunkBytes = chunks.stream().mapToLong(range -> range[1]).sum();
        if (cache.folder().isEmpty() || !scratch.allows(chunkBytes)) {
            return Optional.empty();
        }
        StringBuilder part = new StringBuilder(identity.key()).append("\u0000pruned ").append(HexFormat.of().formatHex(Checksums.compute(ChecksumAlgorithm.SHA256, footerOfKept)));
        chunks.forEach(range -> part.append(' ').append(range[0]).append('+').append(range[1]));
        PlaintextCache.Identity pruned = new PlaintextCache.Identity(identity.bucket(), part.toString(), identity.etag(), footerStart + footerOfKept.length);
        List<long[]> wanted = wanted(chunks, knownFrom, pruned.size() - knownFrom);
        // the object's entry is pinned first, so that room made for this entry is never made by evicting it
        Optional<PlaintextCache.Lease> source = leaseObject(object, identity, chunks, knownFrom, known);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        try (PlaintextCache.Lease whole = source.get()) {
            PlaintextCache.RangeFetcher fetcher = (file, missing) -> {
                scratch.write(file, footerStart, footerOfKept);
                scratch.write(file, knownFrom, Arrays.copyOfRange(known, 0, (int) (footerStart - knownFrom)));
                scratch.write(file, 0, MAGIC);
                scratch.copyRanges(whole.path(), file, chunks);
            };
            return cache.acquire(pruned, wanted, Optional.of(fetcher));
        }
        catch (IOException e) {
            // the cache's folder is full or failing: the statement's own scratch file will do
            return Optional.empty();
        }
    }

    /** What a cache entry must hold: the chunks, the {@code tailLength} bytes from {@code knownFrom} on, and the leading magic number. */
    private static List<long[]> wanted(List<long[]> chunks, long knownFrom, long tailLength)
    {
        List<long[]> wanted = new ArrayList<>(chunks);
        wanted.add(new long[] {knownFrom, tailLength});
        if (chunks.isEmpty() || chunks.get(0)[0] > 0) {
            wanted.add(new long[] {0, MAGIC.length});
        }
        return wanted;
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
