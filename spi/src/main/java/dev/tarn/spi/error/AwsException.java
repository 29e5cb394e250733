package dev.tarn.spi.error;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type a service throws to answer a request with an AWS error. The gateway
 * encodes it in the wire protocol of the service; anything else that escapes a service is an
 * InternalError.
 */
public final class AwsException
        extends RuntimeException
{
    private final AwsErrorCode error;
    private final Map<String, String> details;

    public AwsException(AwsErrorCode error, String message)
    {
        this(error, message, Map.of(), null);
    }

    private AwsException(AwsErrorCode error, String message, Map<String, String> details, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause, false, false);
        this.error = requireNonNull(error, "error is null");
        this.details = Map.copyOf(details);
    }

    public AwsErrorCode error()
    {
        return error;
    }

    public String code()
    {
        return error.code();
    }

    public int httpStatus()
    {
        return error.httpStatus();
    }

    /**
     * Extra elements AWS puts in the error document beside Code and Message (for S3: BucketName,
     * Key, Resource, ArgumentName, ...), in order.
     */
    public Map<String, String> details()
    {
        return details;
    }

    public AwsException with(String name, String value)
    {
        Map<String, String> copy = new LinkedHashMap<>(details);
        copy.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
        return new AwsException(error, getMessage(), copy, getCause());
    }

    public AwsException withCause(Throwable cause)
    {
        return new AwsException(error, getMessage(), details, cause);
    }
}
