package dev.tarn.s3.security;

import dev.tarn.spi.error.AwsErrorCode;

/** S3's errors for bucket policies, public access blocks, ownership and ACLs, and encryption, as the S3 API reference lists them. */
public final class SecurityErrors
{
    public static final AwsErrorCode MALFORMED_POLICY = new AwsErrorCode("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'");
    public static final AwsErrorCode NO_SUCH_BUCKET_POLICY = new AwsErrorCode("NoSuchBucketPolicy", 404, "The bucket policy does not exist");
    public static final AwsErrorCode NO_SUCH_PUBLIC_ACCESS_BLOCK = new AwsErrorCode("NoSuchPublicAccessBlockConfiguration", 404,
            "The public access block configuration was not found");
    public static final AwsErrorCode OWNERSHIP_CONTROLS_NOT_FOUND = new AwsErrorCode("OwnershipControlsNotFoundError", 404,
            "The bucket ownership controls were not found");
    public static final AwsErrorCode ACL_NOT_SUPPORTED = new AwsErrorCode("AccessControlListNotSupported", 400,
            "The bucket does not allow ACLs");
    public static final AwsErrorCode INVALID_BUCKET_ACL_WITH_OWNERSHIP = new AwsErrorCode("InvalidBucketAclWithObjectOwnership", 400,
            "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
    public static final AwsErrorCode ENCRYPTION_CONFIGURATION_NOT_FOUND = new AwsErrorCode("ServerSideEncryptionConfigurationNotFoundError", 404,
            "The server side encryption configuration was not found");
    public static final AwsErrorCode INVALID_TARGET_BUCKET_FOR_LOGGING = new AwsErrorCode("InvalidTargetBucketForLogging", 400,
            "The target bucket for logging does not exist");
    private SecurityErrors() {}
}
