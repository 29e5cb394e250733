package dev.tarn.s3.cors;

import dev.tarn.spi.error.AwsErrorCode;

/** S3's errors for CORS configurations and preflight requests. */
final class CorsErrors
{
    static final AwsErrorCode NO_SUCH_CORS_CONFIGURATION = new AwsErrorCode("NoSuchCORSConfiguration", 404,
            "The CORS configuration does not exist");
    /** A preflight that no rule allows; the message says why. */
    static final AwsErrorCode ACCESS_FORBIDDEN = new AwsErrorCode("AccessForbidden", 403,
            "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / "
                    + "Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.");
    static final AwsErrorCode BAD_REQUEST = new AwsErrorCode("BadRequest", 400, "Bad Request");

    static final String CORS_NOT_ENABLED = "CORSResponse: CORS is not enabled for this bucket.";

    private CorsErrors() {}
}
