package dev.tarn.s3.lock;

import dev.tarn.storage.meta.BucketRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A bucket's object lock configuration: enabled (it can never be disabled again), with an
 * optional default retention for new versions. Stored in the bucket record's
 * {@value #CONFIGURATION} configuration as {@code Enabled} or {@code Enabled MODE N Days|Years}.
 */
public record BucketObjectLock(Optional<DefaultRetention> defaultRetention)
{
    public static final String CONFIGURATION = "object-lock";
    private static final String ENABLED = "Enabled";

    /** A default retention period: a number of days or of years. */
    public record DefaultRetention(RetentionMode mode, int period, boolean years)
    {
        public DefaultRetention
        {
            requireNonNull(mode, "mode is null");
        }

        /** The retention a version created at {@code created} gets. */
        public Retention from(Instant created)
        {
            Instant until = years
                    ? created.atOffset(ZoneOffset.UTC).plusYears(period).toInstant()
                    : created.plusSeconds(86_400L * period);
            return new Retention(mode, until);
        }
    }

    public BucketObjectLock
    {
        requireNonNull(defaultRetention, "defaultRetention is null");
    }

    public static Optional<BucketObjectLock> of(BucketRecord bucket)
    {
        return bucket.configuration(CONFIGURATION).map(BucketObjectLock::decode);
    }

    public static BucketObjectLock require(BucketRecord bucket)
    {
        return of(bucket).orElseThrow(LockErrors::missingBucketConfiguration);
    }

    public String encode()
    {
        return defaultRetention
                .map(value -> ENABLED + " " + value.mode().name() + " " + value.period() + " " + (value.years() ? "Years" : "Days"))
                .orElse(ENABLED);
    }

    static BucketObjectLock decode(String stored)
    {
        String[] parts = stored.split(" ");
        if (parts.length < 4) {
            return new BucketObjectLock(Optional.empty());
        }
        return new BucketObjectLock(Optional.of(new DefaultRetention(RetentionMode.valueOf(parts[1]), Integer.parseInt(parts[2]), parts[3].equals("Years"))));
    }
}
