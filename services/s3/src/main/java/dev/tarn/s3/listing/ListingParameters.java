package dev.tarn.s3.listing;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.ServiceRequest;

import java.util.Optional;

/** Query parameters shared by the listing operations, read and checked as S3 does. */
public final class ListingParameters
{
    /** Default and ceiling of max-keys, max-uploads and max-parts. */
    public static final int MAX_ENTRIES = 1000;

    private ListingParameters() {}

    /**
     * A page size parameter: absent means 1000, larger values are capped at 1000, anything that
     * is not an integer from 0 to 2^31-1 is InvalidArgument.
     */
    public static int pageSize(ServiceRequest request, String name, String argumentLabel)
    {
        Optional<String> value = request.queryParameter(name);
        if (value.isEmpty()) {
            return MAX_ENTRIES;
        }
        return Math.min(nonNegativeInteger(name, value.get(), argumentLabel), MAX_ENTRIES);
    }

    public static int nonNegativeInteger(String name, String value, String argumentLabel)
    {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        }
        catch (NumberFormatException e) {
            throw invalid(name, value, "Provided " + name + " not an integer or within integer range");
        }
        if (parsed < 0) {
            throw invalid(name, value, "Argument " + argumentLabel + " must be an integer between 0 and 2147483647");
        }
        return parsed;
    }

    /** A string parameter, empty when absent. */
    public static String text(ServiceRequest request, String name)
    {
        return request.queryParameter(name).orElse("");
    }

    /** A string parameter that is absent when missing or empty, as S3 treats an empty marker. */
    public static Optional<String> nonEmpty(ServiceRequest request, String name)
    {
        return request.queryParameter(name).filter(value -> !value.isEmpty());
    }

    public static AwsException invalid(String name, String value, String message)
    {
        return CommonErrors.INVALID_ARGUMENT.exception(message)
                .with("ArgumentName", name)
                .with("ArgumentValue", value);
    }
}
