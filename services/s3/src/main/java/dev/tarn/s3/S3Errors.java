package dev.tarn.s3;

import dev.tarn.spi.error.AwsErrorCode;

/**
 * S3's error table, as AWS documents it in the S3 API reference ("List of error codes"): the code,
 * the HTTP status, the message S3 sends. Shared errors (AccessDenied, InvalidArgument, ...) are in
 * {@link dev.tarn.spi.error.CommonErrors}.
 */
public final class S3Errors
{
    public static final AwsErrorCode NO_SUCH_BUCKET = new AwsErrorCode("NoSuchBucket", 404, "The specified bucket does not exist");
    public static final AwsErrorCode NO_SUCH_KEY = new AwsErrorCode("NoSuchKey", 404, "The specified key does not exist.");
    public static final AwsErrorCode NO_SUCH_VERSION = new AwsErrorCode("NoSuchVersion", 404,
            "The specified version does not exist.");
    public static final AwsErrorCode NO_SUCH_UPLOAD = new AwsErrorCode("NoSuchUpload", 404,
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.");
    public static final AwsErrorCode NO_SUCH_TAG_SET = new AwsErrorCode("NoSuchTagSet", 404, "The TagSet does not exist");
    public static final AwsErrorCode BUCKET_ALREADY_EXISTS = new AwsErrorCode("BucketAlreadyExists", 409,
            "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.");
    public static final AwsErrorCode BUCKET_ALREADY_OWNED_BY_YOU = new AwsErrorCode("BucketAlreadyOwnedByYou", 409,
            "Your previous request to create the named bucket succeeded and you already own it.");
    public static final AwsErrorCode BUCKET_NOT_EMPTY = new AwsErrorCode("BucketNotEmpty", 409,
            "The bucket you tried to delete is not empty");
    public static final AwsErrorCode INVALID_BUCKET_NAME = new AwsErrorCode("InvalidBucketName", 400, "The specified bucket is not valid.");
    public static final AwsErrorCode INVALID_LOCATION_CONSTRAINT = new AwsErrorCode("InvalidLocationConstraint", 400,
            "The specified location-constraint is not valid");
    public static final AwsErrorCode ILLEGAL_LOCATION_CONSTRAINT = new AwsErrorCode("IllegalLocationConstraintException", 400,
            "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.");
    public static final AwsErrorCode KEY_TOO_LONG = new AwsErrorCode("KeyTooLongError", 400, "Your key is too long");
    public static final AwsErrorCode METADATA_TOO_LARGE = new AwsErrorCode("MetadataTooLarge", 400,
            "Your metadata headers exceed the maximum allowed metadata size.");
    public static final AwsErrorCode MALFORMED_XML = new AwsErrorCode("MalformedXML", 400,
            "The XML you provided was not well-formed or did not validate against our published schema");
    public static final AwsErrorCode INVALID_RANGE = new AwsErrorCode("InvalidRange", 416, "The requested range is not satisfiable");
    public static final AwsErrorCode PRECONDITION_FAILED = new AwsErrorCode("PreconditionFailed", 412,
            "At least one of the pre-conditions you specified did not hold");
    public static final AwsErrorCode NOT_MODIFIED = new AwsErrorCode("NotModified", 304, "Not Modified");
    public static final AwsErrorCode BAD_DIGEST = new AwsErrorCode("BadDigest", 400,
            "The Content-MD5 you specified did not match what we received.");
    public static final AwsErrorCode INVALID_DIGEST = new AwsErrorCode("InvalidDigest", 400, "The Content-MD5 you specified was invalid.");
    public static final AwsErrorCode ENTITY_TOO_SMALL = new AwsErrorCode("EntityTooSmall", 400,
            "Your proposed upload is smaller than the minimum allowed object size.");
    public static final AwsErrorCode ENTITY_TOO_LARGE = new AwsErrorCode("EntityTooLarge", 400,
            "Your proposed upload exceeds the maximum allowed object size.");
    public static final AwsErrorCode INVALID_PART = new AwsErrorCode("InvalidPart", 400,
            "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.");
    public static final AwsErrorCode INVALID_PART_ORDER = new AwsErrorCode("InvalidPartOrder", 400,
            "The list of parts was not in ascending order. Parts must be ordered by part number.");
    public static final AwsErrorCode INVALID_OBJECT_STATE = new AwsErrorCode("InvalidObjectState", 403,
            "The operation is not valid for the object's storage class");
    public static final AwsErrorCode RESTORE_ALREADY_IN_PROGRESS = new AwsErrorCode("RestoreAlreadyInProgress", 409,
            "Object restore is already in progress");
    public static final AwsErrorCode INVALID_STORAGE_CLASS = new AwsErrorCode("InvalidStorageClass", 400,
            "The storage class you specified is not valid");
    public static final AwsErrorCode INVALID_TAG = new AwsErrorCode("InvalidTag", 400, "The tag provided was not a valid tag.");
    public static final AwsErrorCode METHOD_NOT_ALLOWED = new AwsErrorCode("MethodNotAllowed", 405,
            "The specified method is not allowed against this resource.");
    public static final AwsErrorCode MISSING_CONTENT_LENGTH = new AwsErrorCode("MissingContentLength", 411,
            "You must provide the Content-Length HTTP header.");
    public static final AwsErrorCode ILLEGAL_VERSIONING_CONFIGURATION = new AwsErrorCode("IllegalVersioningConfigurationException", 400,
            "The versioning configuration specified in the request is invalid.");
    public static final AwsErrorCode INVALID_ENCRYPTION_ALGORITHM = new AwsErrorCode("InvalidEncryptionAlgorithmError", 400,
            "The encryption request you specified is not valid. The valid value is AES256.");
    public static final AwsErrorCode INVALID_PART_NUMBER = new AwsErrorCode("InvalidPartNumber", 416,
            "The requested partnumber is not satisfiable");

    private S3Errors() {}
}
