package dev.tarn.s3.post;

import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;

/** The errors of browser-based uploads, with the codes and messages S3 answers them with. */
final class PostErrors
{
    static final AwsErrorCode INVALID_POLICY_DOCUMENT = new AwsErrorCode("InvalidPolicyDocument", 400,
            "The content of the form does not meet the conditions specified in the policy document.");
    static final AwsErrorCode MALFORMED_POST_REQUEST = new AwsErrorCode("MalformedPOSTRequest", 400,
            "The body of your POST request is not well-formed multipart/form-data.");
    static final AwsErrorCode MAX_POST_PRE_DATA_LENGTH_EXCEEDED = new AwsErrorCode("MaxPostPreDataLengthExceeded", 400,
            "Your POST request fields preceeding the upload file was too large.");
    static final AwsErrorCode ENTITY_TOO_LARGE = new AwsErrorCode("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size");
    static final AwsErrorCode ENTITY_TOO_SMALL = new AwsErrorCode("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed size");
    static final AwsErrorCode PRECONDITION_FAILED = new AwsErrorCode("PreconditionFailed", 412,
            "At least one of the pre-conditions you specified did not hold");

    private PostErrors() {}

    static AwsException invalidPolicy(String detail)
    {
        return INVALID_POLICY_DOCUMENT.exception("Invalid Policy: " + detail);
    }

    static AwsException conditionFailed(String condition)
    {
        return CommonErrors.ACCESS_DENIED.exception("Invalid according to Policy: Policy Condition failed: " + condition);
    }

    /** A field the form must carry (before the file) is missing. */
    static AwsException missingField(String name)
    {
        return CommonErrors.INVALID_ARGUMENT.exception("Bucket POST must contain a field named '" + name + "'.  If it is specified, please check the order of the fields.")
                .with("ArgumentName", name)
                .with("ArgumentValue", "");
    }
}
