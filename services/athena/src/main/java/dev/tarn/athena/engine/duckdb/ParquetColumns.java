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
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Reads only what a query needs of a Parquet object: the footer, then the column chunks of the
 * columns the statement names, each with a ranged GetObject, into a sparse scratch file of the
 * object's size that DuckDB reads as the whole file (it never touches the chunks of columns the
 * query does not project). DataScannedInBytes then counts the footer and those chunks only.
 */
final class ParquetColumns
{
    private static final long MERGE_GAP = 1L << 20;
    /**
     * Read from the end at first: the footer and its length in one request, unless the footer is
     * larger. At most a 64th of the object, so the guess adds little to what a small one scans.
     */
    private static final long TAIL_GUESS = 64L << 10;

    private final S3Objects s3;
    private final ScratchSpace scratch;
    private final DuckDbDatabase database;
    private final long rangedReadsFrom;

    /** @param rangedReadsFrom objects smaller than this are copied whole: one request costs less than several */
    ParquetColumns(S3Objects s3, ScratchSpace scratch, DuckDbDatabase database, long rangedReadsFrom)
    {
        this.rangedReadsFrom = rangedReadsFrom;
        this.s3 = requireNonNull(s3, "s3 is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        this.database = requireNonNull(database, "database is null");
    }

    /** A local file DuckDB can read for the query; columns outside {@code needed} may be holes. */
    Path fetch(S3ObjectSummary object, Set<String> needed)
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
        for (long[] range : chunks(file, needed)) {
            scratch.fill(file, range[0], s3.openRange(object, range[0], range[0] + range[1] - 1));
        }
        return file;
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
