package dev.tarn.s3.lock;

import dev.tarn.spi.error.CommonErrors;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Retain-until dates as S3 reads and writes them: ISO 8601, shown to the millisecond in UTC. */
final class LockDates
{
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private LockDates() {}

    static Instant parse(String value, String argumentName)
    {
        String text = value.strip();
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            }
            catch (DateTimeParseException again) {
                throw CommonErrors.INVALID_ARGUMENT.exception("The retain until date must be provided in ISO 8601 format")
                        .with("ArgumentName", argumentName)
                        .with("ArgumentValue", value);
            }
        }
    }

    static String format(Instant instant)
    {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
