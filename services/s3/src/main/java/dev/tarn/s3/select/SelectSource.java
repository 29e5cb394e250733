package dev.tarn.s3.select;

import dev.tarn.s3.object.KeyUnwrapper;
import dev.tarn.s3.object.ObjectContent;
import dev.tarn.scan.LineRangeInputStream;
import dev.tarn.scan.LineSplit;
import dev.tarn.storage.meta.ObjectVersion;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import static java.util.Objects.requireNonNull;

/**
 * The plaintext records of an object version, read through the object read path (so every
 * encryption mode applies), cut to the scan range and decompressed, counting bytes scanned
 * and processed.
 */
final class SelectSource
{
    private final ObjectContent content;
    private final ObjectVersion version;
    private final KeyUnwrapper keys;
    private final SelectRequest request;

    SelectSource(ObjectContent content, ObjectVersion version, KeyUnwrapper keys, SelectRequest request)
    {
        this.content = requireNonNull(content, "content is null");
        this.version = requireNonNull(version, "version is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.request = requireNonNull(request, "request is null");
    }

    /** Where the scanned records start, after applying the scan range. */
    long rangeStart()
    {
        return range()[0];
    }

    /** How many of the object's (possibly compressed) bytes are scanned. */
    long length()
    {
        long[] range = range();
        return version.size() == 0 || range[0] >= version.size() ? 0 : range[1] - range[0] + 1;
    }

    /** The records to query, counted into {@code stats}. */
    InputStream open(SelectStats stats)
    {
        long[] range = range();
        long start = range[0];
        long end = range[1];
        long size = version.size();
        InputStream raw;
        if (request.scanRange().isEmpty()) {
            raw = content.open(version.segments(), 0, size, keys);
        }
        else if (start >= size) {
            raw = InputStream.nullInputStream();
        }
        else {
            raw = lines(new LineSplit(start, end + 1));
        }
        InputStream scanned = new CountingInputStream(raw, stats.scanned);
        return new CountingInputStream(decompress(scanned), stats.processed);
    }

    /** The scanned records cut at line boundaries into splits of about {@code targetBytes}, at most {@code maxSplits}. */
    List<LineSplit> splits(long targetBytes, int maxSplits)
    {
        long[] range = range();
        long end = version.size() == 0 ? 0 : Math.min(range[1] + 1, version.size());
        return LineSplit.of(Math.min(range[0], end), end, targetBytes, maxSplits);
    }

    /** The records of one split of an uncompressed object, counted into {@code stats}. */
    InputStream open(LineSplit split, SelectStats stats)
    {
        if (request.compression() != SelectRequest.Compression.NONE) {
            throw new IllegalStateException("a compressed object cannot be split");
        }
        return new CountingInputStream(new CountingInputStream(lines(split), stats.scanned), stats.processed);
    }

    private InputStream lines(LineSplit split)
    {
        long from = split.readFrom();
        return new LineRangeInputStream(content.open(version.segments(), from, version.size() - from, keys), split);
    }

    /** The object's first bytes, decompressed, for reading its header or first record. */
    InputStream openStart()
    {
        return decompress(content.open(version.segments(), 0, version.size(), keys));
    }

    private long[] range()
    {
        long size = version.size();
        if (request.scanRange().isEmpty()) {
            return new long[] {0, Math.max(0, size - 1)};
        }
        SelectRequest.ScanRange range = request.scanRange().get();
        long start;
        long end;
        if (range.start().isEmpty() && range.end().isPresent()) {
            start = Math.max(0, size - range.end().getAsLong());
            end = size - 1;
        }
        else {
            start = range.start().orElse(0);
            end = Math.min(range.end().orElse(size - 1), size - 1);
        }
        return new long[] {start, end};
    }

    private InputStream decompress(InputStream in)
    {
        try {
            return switch (request.compression()) {
                case NONE -> in;
                case GZIP -> new GZIPInputStream(in, 64 * 1024);
                case BZIP2 -> new BZip2CompressorInputStream(new BufferedInputStream(in, 64 * 1024), true);
            };
        }
        catch (ZipException e) {
            close(in);
            throw SelectErrors.INVALID_COMPRESSION_FORMAT.exception("The object is not in the " + request.compression() + " format.");
        }
        catch (IOException e) {
            close(in);
            if (request.compression() != SelectRequest.Compression.NONE && version.size() > 0) {
                throw SelectErrors.INVALID_COMPRESSION_FORMAT.exception("The object is not in the " + request.compression() + " format.");
            }
            throw new UncheckedIOException(e);
        }
    }

    private static void close(InputStream in)
    {
        try {
            in.close();
        }
        catch (IOException ignored) {
            // already failing
        }
    }
}
