package dev.tarn.s3.select;

import dev.tarn.s3.object.KeyUnwrapper;
import dev.tarn.s3.object.ObjectContent;
import dev.tarn.storage.meta.ObjectVersion;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
            long from = start == 0 ? 0 : start - 1;
            raw = new ScanRangeInputStream(content.open(version.segments(), from, size - from, keys), from, end, start > 0);
        }
        InputStream scanned = new CountingInputStream(raw, stats.scanned);
        return new CountingInputStream(decompress(scanned), stats.processed);
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
