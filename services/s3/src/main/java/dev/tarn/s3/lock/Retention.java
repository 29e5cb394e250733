package dev.tarn.s3.lock;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A version's retention: its mode and the instant until which it is protected. */
public record Retention(RetentionMode mode, Instant retainUntil)
{
    public Retention
    {
        requireNonNull(mode, "mode is null");
        requireNonNull(retainUntil, "retainUntil is null");
    }

    /** Whether the retention still protects the version at {@code now}. */
    public boolean activeAt(Instant now)
    {
        return now.isBefore(retainUntil);
    }
}
