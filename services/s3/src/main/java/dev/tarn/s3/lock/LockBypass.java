package dev.tarn.s3.lock;

import dev.tarn.s3.BucketAccess;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.ServiceRequest;

/**
 * Whether a request may bypass GOVERNANCE retention on an object: it must say so
 * (x-amz-bypass-governance-retention: true) and the caller must be allowed
 * s3:BypassGovernanceRetention on the object. Without the permission the request goes on as if
 * it had not asked, so it is denied only where a retention actually stands in the way.
 */
public final class LockBypass
{
    public static final String HEADER = "x-amz-bypass-governance-retention";

    private LockBypass() {}

    public static boolean requested(ServiceRequest request)
    {
        return request.header(HEADER).map(String::strip).filter("true"::equalsIgnoreCase).isPresent();
    }

    public static boolean allowed(ServiceRequest request, BucketAccess access, String bucket, String key)
    {
        if (!requested(request)) {
            return false;
        }
        try {
            access.object(request, bucket, key, "s3:BypassGovernanceRetention");
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
