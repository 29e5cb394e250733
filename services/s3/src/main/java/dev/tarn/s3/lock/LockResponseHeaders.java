package dev.tarn.s3.lock;

import dev.tarn.s3.BucketAccess;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.storage.meta.ObjectVersion;

import java.util.Optional;

/**
 * The x-amz-object-lock-* headers of GetObject and HeadObject. As in S3, the retention is shown
 * only to callers allowed s3:GetObjectRetention and the legal hold only to those allowed
 * s3:GetObjectLegalHold; to others the object reads as usual, without them.
 */
public final class LockResponseHeaders
{
    private LockResponseHeaders() {}

    public static void add(Headers.Builder headers, ServiceRequest request, BucketAccess access, String bucket, String key, ObjectVersion version)
    {
        VersionLock lock = VersionLock.of(version);
        if (lock.isEmpty()) {
            return;
        }
        Optional<Retention> retention = lock.retention().filter(value -> permitted(request, access, bucket, key, "s3:GetObjectRetention"));
        Optional<Boolean> legalHold = lock.legalHold().filter(value -> permitted(request, access, bucket, key, "s3:GetObjectLegalHold"));
        ObjectLockRequest.addResponseHeaders(headers, new VersionLock(retention, legalHold));
    }

    private static boolean permitted(ServiceRequest request, BucketAccess access, String bucket, String key, String action)
    {
        try {
            access.object(request, bucket, key, action);
            return true;
        }
        catch (AwsException e) {
            if (e.httpStatus() == 403) {
                return false;
            }
            throw e;
        }
    }
}
