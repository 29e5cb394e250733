package dev.tarn.athena.execution;

import dev.tarn.spi.security.RequestContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads pages of rows back from a result file in S3, a window of bytes at a time (ranged GETs as
 * the caller), so neither a page nor the file is held whole beyond one window. A page ends at a
 * byte offset, which the next page's token carries.
 */
public final class ResultPages
{
    private static final int WINDOW = 256 * 1024;

    private final ResultObjects objects;

    public ResultPages(ResultObjects objects)
    {
        this.objects = requireNonNull(objects, "objects is null");
    }

    /** Rows and where the next page starts, when there is more. */
    public record Page(List<List<Optional<String>>> rows, Optional<Long> nextOffset) {}

    /**
     * Up to {@code maxRows} rows from {@code offset} of the file at {@code url} of {@code size}
     * bytes; {@code csv} tells Athena's CSV from DDL text (tab-separated lines).
     */
    public Page read(RequestContext caller, String url, long size, boolean csv, long offset, int maxRows)
    {
        List<List<Optional<String>>> rows = new ArrayList<>();
        int window = WINDOW;
        while (rows.size() < maxRows && offset < size) {
            byte[] bytes = objects.read(caller, url, offset, Math.min(size, offset + window) - 1);
            int position = 0;
            while (rows.size() < maxRows) {
                int end = csv ? AthenaCsv.rowEnd(bytes, position, bytes.length) : lineEnd(bytes, position);
                if (end < 0) {
                    if (offset + bytes.length >= size && position < bytes.length) {
                        end = bytes.length;
                    }
                    else {
                        break;
                    }
                }
                rows.add(csv ? AthenaCsv.parseRow(bytes, position, end) : textRow(bytes, position, end));
                position = end;
                if (position >= bytes.length) {
                    break;
                }
            }
            if (position == 0) {
                // one row longer than the window: read a larger one
                window *= 2;
                continue;
            }
            offset += position;
        }
        return new Page(rows, offset < size ? Optional.of(offset) : Optional.empty());
    }

    private static int lineEnd(byte[] bytes, int start)
    {
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static List<Optional<String>> textRow(byte[] bytes, int start, int end)
    {
        int stop = end > start && bytes[end - 1] == '\n' ? end - 1 : end;
        String line = new String(bytes, start, stop - start, StandardCharsets.UTF_8);
        return Arrays.stream(line.split("\t", -1)).map(Optional::of).toList();
    }
}
