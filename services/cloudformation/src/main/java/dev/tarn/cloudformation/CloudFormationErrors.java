package dev.tarn.cloudformation;

import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;

/** The errors CloudFormation answers with, as its API reference lists them. */
public final class CloudFormationErrors
{
    public static final AwsErrorCode VALIDATION_ERROR = CommonErrors.VALIDATION_ERROR;
    public static final AwsErrorCode ALREADY_EXISTS = new AwsErrorCode("AlreadyExistsException", 400, "Resource already exists.");
    public static final AwsErrorCode CHANGE_SET_NOT_FOUND = new AwsErrorCode("ChangeSetNotFound", 404, "The specified change set could not be found.");
    public static final AwsErrorCode INVALID_CHANGE_SET_STATUS = new AwsErrorCode("InvalidChangeSetStatus", 400,
            "The specified change set can't be used to update the stack.");
    public static final AwsErrorCode INSUFFICIENT_CAPABILITIES = new AwsErrorCode("InsufficientCapabilitiesException", 400,
            "The template contains resources with capabilities that weren't specified in the Capabilities parameter.");
    public static final AwsErrorCode TOKEN_ALREADY_EXISTS = new AwsErrorCode("TokenAlreadyExistsException", 400,
            "A client request token already exists.");

    private CloudFormationErrors() {}

    public static AwsException validation(String message)
    {
        return VALIDATION_ERROR.exception(message);
    }

    /** A mistake in the template itself, worded as CloudFormation words it. */
    public static AwsException templateFormat(String message)
    {
        return VALIDATION_ERROR.exception("Template format error: " + message);
    }

    /** A mistake found while evaluating the template (an intrinsic function's arguments, a reference). */
    public static AwsException templateError(String message)
    {
        return VALIDATION_ERROR.exception("Template error: " + message);
    }
}
