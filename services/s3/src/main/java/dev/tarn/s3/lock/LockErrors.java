package dev.tarn.s3.lock;

import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;

/** The errors of object lock, with the codes, statuses and messages S3 answers. */
public final class LockErrors
{
    public static final AwsErrorCode OBJECT_LOCK_CONFIGURATION_NOT_FOUND = new AwsErrorCode("ObjectLockConfigurationNotFoundError", 404,
            "Object Lock configuration does not exist for this bucket");
    public static final AwsErrorCode NO_SUCH_OBJECT_LOCK_CONFIGURATION = new AwsErrorCode("NoSuchObjectLockConfiguration", 404,
            "The specified object does not have a ObjectLock configuration");
    public static final AwsErrorCode INVALID_BUCKET_STATE = new AwsErrorCode("InvalidBucketState", 409,
            "The request is not valid with the current state of the bucket.");

    private LockErrors() {}

    /** What deleting (or weakening the retention of) a protected version is answered with. */
    public static AwsException protectedByLock()
    {
        return CommonErrors.ACCESS_DENIED.exception("Access Denied because object protected by object lock.");
    }

    public static AwsException missingBucketConfiguration()
    {
        return CommonErrors.INVALID_REQUEST.exception("Bucket is missing Object Lock Configuration");
    }

    public static AwsException retainUntilInPast()
    {
        return CommonErrors.INVALID_ARGUMENT.exception("The retain until date must be in the future!");
    }
}
