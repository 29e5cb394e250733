package dev.tarn.s3.object;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** The two timestamp forms S3 uses: ISO-8601 with milliseconds in XML, RFC 1123 in headers. */
public final class Timestamps
{
    private static final DateTimeFormatter XML = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String xml(Instant instant)
    {
        return XML.format(instant);
    }

    public static String http(Instant instant)
    {
        return HTTP.format(instant);
    }

    /** An HTTP date as clients send it (RFC 1123, also accepted with a single-digit day); empty when unreadable. */
    public static Optional<Instant> parseHttp(String value)
    {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        }
        catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(value.trim()));
            }
            catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }

    /** S3 keeps modification times to the second, the precision of Last-Modified and of conditional requests. */
    public static Instant lastModified(Instant now)
    {
        return now.truncatedTo(ChronoUnit.SECONDS);
    }
}
