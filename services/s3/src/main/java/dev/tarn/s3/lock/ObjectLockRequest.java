package dev.tarn.s3.lock;

import dev.tarn.s3.BucketAccess;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.storage.meta.BucketRecord;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The object lock headers of a write (PutObject, CopyObject, CreateMultipartUpload):
 * x-amz-object-lock-mode with x-amz-object-lock-retain-until-date, and
 * x-amz-object-lock-legal-hold. Each needs the bucket to have object lock and the caller the
 * permission to set it (s3:PutObjectRetention, s3:PutObjectLegalHold).
 */
public final class ObjectLockRequest
{
    public static final String MODE_HEADER = "x-amz-object-lock-mode";
    public static final String RETAIN_UNTIL_HEADER = "x-amz-object-lock-retain-until-date";
    public static final String LEGAL_HOLD_HEADER = "x-amz-object-lock-legal-hold";

    private ObjectLockRequest() {}

    /** The lock attributes the request gives the new version (none when it sends no lock header). */
    public static Map<String, String> attributes(ServiceRequest request, BucketAccess access, BucketRecord bucket, String key, Instant now)
    {
        Headers headers = request.headers();
        Optional<String> mode = headers.first(MODE_HEADER);
        Optional<String> until = headers.first(RETAIN_UNTIL_HEADER);
        Optional<String> legalHold = headers.first(LEGAL_HOLD_HEADER);
        if (mode.isEmpty() && until.isEmpty() && legalHold.isEmpty()) {
            return Map.of();
        }
        if (mode.isPresent() != until.isPresent()) {
            throw CommonErrors.INVALID_ARGUMENT.exception("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
        }
        VersionLock lock = new VersionLock(Optional.empty(), Optional.empty());
        if (mode.isPresent()) {
            RetentionMode retentionMode = RetentionMode.parse(mode.get())
                    .orElseThrow(() -> CommonErrors.INVALID_ARGUMENT.exception("Unknown wormMode directive.")
                            .with("ArgumentName", MODE_HEADER).with("ArgumentValue", mode.get()));
            Instant retainUntil = LockDates.parse(until.get(), RETAIN_UNTIL_HEADER);
            if (!retainUntil.isAfter(now)) {
                throw LockErrors.retainUntilInPast();
            }
            lock = lock.withRetention(Optional.of(new Retention(retentionMode, retainUntil)));
        }
        if (legalHold.isPresent()) {
            lock = lock.withLegalHold(LegalHolds.parse(legalHold.get()));
        }
        BucketObjectLock.require(bucket);
        if (mode.isPresent()) {
            access.object(request, bucket.name(), key, "s3:PutObjectRetention");
        }
        if (legalHold.isPresent()) {
            access.object(request, bucket.name(), key, "s3:PutObjectLegalHold");
        }
        return lock.applyTo(Map.of());
    }

    /** The x-amz-object-lock-* headers of GET and HEAD for a version with lock state. */
    public static void addResponseHeaders(Headers.Builder headers, VersionLock lock)
    {
        lock.retention().ifPresent(retention -> {
            headers.set(MODE_HEADER, retention.mode().name());
            headers.set(RETAIN_UNTIL_HEADER, LockDates.format(retention.retainUntil()));
        });
        lock.legalHold().ifPresent(on -> headers.set(LEGAL_HOLD_HEADER, on ? "ON" : "OFF"));
    }
}
