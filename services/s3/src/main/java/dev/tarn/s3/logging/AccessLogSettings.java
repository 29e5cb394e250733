package dev.tarn.s3.logging;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How server access logs are batched.
 *
 * @param queueCapacity requests waiting to be turned into log records; more are dropped
 * @param maxRecordsPerObject a batch is written as soon as it holds this many records
 * @param maxPendingRecords records held across all batches; beyond it every batch is written
 * @param flushInterval the longest a record waits before its batch is written
 */
public record AccessLogSettings(int queueCapacity, int maxRecordsPerObject, int maxPendingRecords, Duration flushInterval)
{
    public static final AccessLogSettings DEFAULT = new AccessLogSettings(10_000, 1_000, 20_000, Duration.ofSeconds(5));

    public AccessLogSettings
    {
        requireNonNull(flushInterval, "flushInterval is null");
        if (queueCapacity < 1 || maxRecordsPerObject < 1 || maxPendingRecords < maxRecordsPerObject) {
            throw new IllegalArgumentException("access log limits must be positive, and pending records at least one object's worth");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive");
        }
    }
}
