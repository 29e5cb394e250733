package dev.tarn.spi.error;

import static java.util.Objects.requireNonNull;

/**
 * One AWS error condition: the code a client matches on, the HTTP status it arrives with, and
 * the message AWS sends when nothing more specific is known.
 */
public record AwsErrorCode(String code, int httpStatus, String defaultMessage)
{
    public AwsErrorCode
    {
        requireNonNull(code, "code is null");
        requireNonNull(defaultMessage, "defaultMessage is null");
        if (httpStatus < 300 || httpStatus > 599) {
            throw new IllegalArgumentException("not an error status: " + httpStatus);
        }
    }

    public AwsException exception()
    {
        return new AwsException(this, defaultMessage);
    }

    public AwsException exception(String message)
    {
        return new AwsException(this, message);
    }

    /** Whether this is a fault of the client (4xx) as AWS's SDKs classify it. */
    public boolean isClientError()
    {
        return httpStatus < 500;
    }
}
