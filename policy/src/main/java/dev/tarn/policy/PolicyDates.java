package dev.tarn.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Dates as the Date condition operators read them: ISO 8601 (with a zone or offset, or without
 * one meaning UTC; a date alone is its first instant) or epoch seconds, as aws:CurrentTime and
 * aws:EpochTime carry them.
 */
final class PolicyDates
{
    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d+(\\.\\d+)?");

    private PolicyDates() {}

    static Optional<Instant> parse(String text)
    {
        String value = text.strip();
        if (EPOCH_SECONDS.matcher(value).matches()) {
            BigDecimal seconds = new BigDecimal(value);
            if (seconds.abs().compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond())) > 0) {
                return Optional.empty();
            }
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Optional.of(Instant.ofEpochSecond(whole, nanos));
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        }
        catch (DateTimeParseException ignored) {
            // not with an offset; try the forms without one
        }
        try {
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        }
        catch (DateTimeParseException ignored) {
            // not a local date-time either
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
