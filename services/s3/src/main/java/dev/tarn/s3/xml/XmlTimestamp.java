package dev.tarn.s3.xml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as S3 writes them in XML bodies: ISO-8601 in UTC, always with milliseconds. */
public final class XmlTimestamp
{
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private XmlTimestamp() {}

    public static String format(Instant instant)
    {
        return FORMAT.format(instant);
    }
}
