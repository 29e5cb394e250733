package dev.tarn.athena;

import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;

/**
 * The errors Athena answers with, as its service model names them. InvalidRequestException
 * carries Athena's own code in {@code AthenaErrorCode}.
 */
public final class AthenaErrors
{
    public static final AwsErrorCode INVALID_REQUEST = new AwsErrorCode("InvalidRequestException", 400,
            "Indicates that something is wrong with the input to the request.");
    public static final AwsErrorCode RESOURCE_NOT_FOUND = new AwsErrorCode("ResourceNotFoundException", 400, "A resource, such as a workgroup, was not found.");
    public static final AwsErrorCode METADATA = new AwsErrorCode("MetadataException", 400, "An exception that Athena received when it called the metastore.");
    public static final AwsErrorCode TOO_MANY_REQUESTS = new AwsErrorCode("TooManyRequestsException", 400, "Indicates that the request was throttled.");
    public static final AwsErrorCode INTERNAL_SERVER = new AwsErrorCode("InternalServerException", 500,
            "Indicates a platform issue, which may be due to a transient condition or outage.");
    public static final AwsErrorCode ACCESS_DENIED = new AwsErrorCode("AccessDeniedException", 400, "You do not have sufficient access to perform this action.");

    private AthenaErrors() {}

    /** InvalidRequestException with AthenaErrorCode {@code INVALID_INPUT}, Athena's code for a bad request member. */
    public static AwsException invalidInput(String message)
    {
        return INVALID_REQUEST.exception(message).with("AthenaErrorCode", "INVALID_INPUT");
    }

    /** InvalidRequestException for a resource that is missing, as Athena reports a missing query, named query or work group. */
    public static AwsException notFound(String message)
    {
        return INVALID_REQUEST.exception(message).with("AthenaErrorCode", "INVALID_INPUT");
    }

    /** InvalidRequestException for a resource in a state that does not allow the operation. */
    public static AwsException invalidState(String message)
    {
        return INVALID_REQUEST.exception(message).with("AthenaErrorCode", "INVALID_STATE");
    }

    public static AwsException resourceNotFound(String message, String resourceName)
    {
        return RESOURCE_NOT_FOUND.exception(message).with("ResourceName", resourceName);
    }

    public static <T> T required(String member, T value)
    {
        if (value == null || (value instanceof String text && text.isEmpty())) {
            throw invalidInput("1 validation error detected: Value null at '" + Character.toLowerCase(member.charAt(0)) + member.substring(1)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }
}
