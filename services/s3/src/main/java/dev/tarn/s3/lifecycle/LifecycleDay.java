package dev.tarn.s3.lifecycle;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * How long "one day" of a lifecycle rule is, and when a number of days after an instant falls
 * due. S3 counts whole days and rounds up to the next midnight UTC; Tarn does the same with
 * days of {@link #length()}, which begin at multiples of the length since the epoch (with the
 * standard 86,400 s that is exactly midnight UTC). A shortened day (an installation setting)
 * lets rules fire in seconds.
 */
public record LifecycleDay(Duration length)
{
    public static final LifecycleDay STANDARD = new LifecycleDay(Duration.ofDays(1));

    public LifecycleDay
    {
        requireNonNull(length, "length is null");
        if (length.toMillis() < 1) {
            throw new IllegalArgumentException("a lifecycle day must be at least a millisecond: " + length);
        }
    }

    /** The start of the first day that begins at or after {@code start} plus {@code days} days. */
    public Instant due(Instant start, int days)
    {
        long unit = length.toMillis();
        long end = Math.addExact(start.toEpochMilli(), Math.multiplyExact(unit, (long) days));
        return Instant.ofEpochMilli(-Math.floorDiv(-end, unit) * unit);
    }

    /** How often the scheduler looks for due work: a tenth of a day, between one second and one hour. */
    public Duration scanInterval()
    {
        Duration tenth = length.dividedBy(10);
        if (tenth.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return tenth.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : tenth;
    }
}
