package dev.tarn.spi.error;

/**
 * Errors every AWS service can answer with, as AWS documents them under "Common Errors". Each
 * service keeps its own table beside this one (for S3: {@code S3Errors}).
 */
public final class CommonErrors
{
    public static final AwsErrorCode ACCESS_DENIED = new AwsErrorCode("AccessDenied", 403, "Access Denied");
    public static final AwsErrorCode INVALID_ACCESS_KEY_ID = new AwsErrorCode("InvalidAccessKeyId", 403,
            "The AWS Access Key Id you provided does not exist in our records.");
    public static final AwsErrorCode SIGNATURE_DOES_NOT_MATCH = new AwsErrorCode("SignatureDoesNotMatch", 403,
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    public static final AwsErrorCode REQUEST_TIME_TOO_SKEWED = new AwsErrorCode("RequestTimeTooSkewed", 403,
            "The difference between the request time and the current time is too large.");
    public static final AwsErrorCode EXPIRED_TOKEN = new AwsErrorCode("ExpiredToken", 400,
            "The provided token has expired.");
    public static final AwsErrorCode INVALID_TOKEN = new AwsErrorCode("InvalidToken", 400,
            "The provided token is malformed or otherwise invalid.");
    public static final AwsErrorCode MISSING_AUTHENTICATION_TOKEN = new AwsErrorCode("MissingAuthenticationToken", 403,
            "Request is missing Authentication Token");
    public static final AwsErrorCode AUTHORIZATION_HEADER_MALFORMED = new AwsErrorCode("AuthorizationHeaderMalformed", 400,
            "The authorization header is malformed.");
    public static final AwsErrorCode AUTHORIZATION_QUERY_PARAMETERS_ERROR = new AwsErrorCode("AuthorizationQueryParametersError", 400,
            "Error parsing the X-Amz-Credential parameter.");
    public static final AwsErrorCode X_AMZ_CONTENT_SHA256_MISMATCH = new AwsErrorCode("XAmzContentSHA256Mismatch", 400,
            "The provided 'x-amz-content-sha256' header does not match what was computed.");
    public static final AwsErrorCode INVALID_ARGUMENT = new AwsErrorCode("InvalidArgument", 400, "Invalid Argument");
    public static final AwsErrorCode INVALID_REQUEST = new AwsErrorCode("InvalidRequest", 400, "Invalid Request");
    public static final AwsErrorCode INCOMPLETE_BODY = new AwsErrorCode("IncompleteBody", 400,
            "You did not provide the number of bytes specified by the Content-Length HTTP header.");
    public static final AwsErrorCode NOT_IMPLEMENTED = new AwsErrorCode("NotImplemented", 501,
            "A header or query you provided implies functionality that is not implemented.");
    public static final AwsErrorCode INVALID_ACTION = new AwsErrorCode("InvalidAction", 400,
            "The action or operation requested is invalid. Verify that the action is typed correctly.");
    public static final AwsErrorCode UNKNOWN_OPERATION = new AwsErrorCode("UnknownOperationException", 400,
            "The operation is not supported by this service.");
    public static final AwsErrorCode SERIALIZATION_EXCEPTION = new AwsErrorCode("SerializationException", 400,
            "The request could not be read.");
    public static final AwsErrorCode VALIDATION_ERROR = new AwsErrorCode("ValidationError", 400,
            "The request failed validation.");
    public static final AwsErrorCode INTERNAL_ERROR = new AwsErrorCode("InternalError", 500,
            "We encountered an internal error. Please try again.");
    public static final AwsErrorCode SERVICE_UNAVAILABLE = new AwsErrorCode("ServiceUnavailable", 503,
            "Please reduce your request rate.");
    public static final AwsErrorCode REQUEST_ENTITY_TOO_LARGE = new AwsErrorCode("RequestEntityTooLarge", 413,
            "The request body is too large.");
    public static final AwsErrorCode MALFORMED_TRAILER_ERROR = new AwsErrorCode("MalformedTrailerError", 400,
            "The request contained trailing data that was not well-formed or did not conform to our published schema.");

    private CommonErrors() {}
}
