package dev.tarn.s3.object;

import dev.tarn.s3.S3Errors;
import dev.tarn.spi.error.AwsException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes {@code [first, last]} of an object a Range header selects. As in S3 (and RFC 9110), a
 * header that cannot be read, or that asks for several ranges, is ignored and the whole object
 * is served; a readable range that selects no byte of the object is InvalidRange.
 */
public record ByteRange(long first, long last)
{
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public ByteRange
    {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid range " + first + "-" + last);
        }
    }

    public long length()
    {
        return last - first + 1;
    }

    /** The Content-Range header value for this range of an object of {@code size} bytes. */
    public String contentRange(long size)
    {
        return "bytes " + first + "-" + last + "/" + size;
    }

    public static Optional<ByteRange> parse(String header, long size)
    {
        Matcher matcher = SINGLE.matcher(header.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String start = matcher.group(1);
        String end = matcher.group(2);
        try {
            if (start.isEmpty()) {
                if (end.isEmpty()) {
                    return Optional.empty();
                }
                // suffix range: the last n bytes
                long suffix = Long.parseLong(end);
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(start);
            long last = end.isEmpty() ? Long.MAX_VALUE : Long.parseLong(end);
            if (last < first) {
                return Optional.empty();
            }
            if (first >= size) {
                throw unsatisfiable(header, size);
            }
            return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
        }
        catch (NumberFormatException e) {
            // more digits than a long holds: not a range anyone can satisfy or mean
            return Optional.empty();
        }
    }

    private static AwsException unsatisfiable(String header, long size)
    {
        return S3Errors.INVALID_RANGE.exception()
                .with("RangeRequested", header)
                .with("ActualObjectSize", Long.toString(size));
    }
}
