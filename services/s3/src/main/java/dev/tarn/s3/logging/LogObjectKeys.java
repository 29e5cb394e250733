package dev.tarn.s3.logging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names log objects as S3 does: {@code TargetPrefix + YYYY-mm-DD-HH-MM-SS-UniqueString}, or
 * with PartitionedPrefix {@code TargetPrefix + SourceAccountId/SourceRegion/SourceBucket/YYYY/MM/DD/}
 * before that (for event time partitions, the day of the requests, with the time at 00-00-00).
 */
final class LogObjectKeys
{
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private LogObjectKeys() {}

    /**
     * @param eventDay the UTC day of the batch's requests (used by event time partitions)
     */
    static String key(LoggingTarget target, String sourceAccountId, String sourceRegion, String sourceBucket, LocalDate eventDay, Instant delivery)
    {
        String unique = unique();
        return switch (target.keyFormat()) {
            case SIMPLE -> target.prefix() + STAMP.format(delivery) + "-" + unique;
            case PARTITIONED_DELIVERY_TIME -> {
                LocalDate day = delivery.atOffset(ZoneOffset.UTC).toLocalDate();
                yield partition(target, sourceAccountId, sourceRegion, sourceBucket, day) + STAMP.format(delivery) + "-" + unique;
            }
            case PARTITIONED_EVENT_TIME -> partition(target, sourceAccountId, sourceRegion, sourceBucket, eventDay)
                    + STAMP.format(eventDay.atStartOfDay(ZoneOffset.UTC)) + "-" + unique;
        };
    }

    private static String partition(LoggingTarget target, String sourceAccountId, String sourceRegion, String sourceBucket, LocalDate day)
    {
        return target.prefix() + sourceAccountId + "/" + sourceRegion + "/" + sourceBucket + "/" + DAY_PATH.format(day) + "/";
    }

    /** 16 upper-case hex digits, as S3's unique strings look. */
    private static String unique()
    {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
