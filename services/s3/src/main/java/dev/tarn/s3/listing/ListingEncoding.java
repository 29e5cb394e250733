package dev.tarn.s3.listing;

import dev.tarn.gateway.http.UriCodec;
import dev.tarn.spi.error.CommonErrors;

import java.util.Optional;

/**
 * A listing's {@code encoding-type}: with {@code url}, S3 percent-encodes keys, prefixes,
 * delimiters and markers in the answer (space as %20, '/' kept) so that any key survives XML.
 */
public record ListingEncoding(Optional<String> type)
{
    public static final ListingEncoding NONE = new ListingEncoding(Optional.empty());

    public static ListingEncoding parse(Optional<String> value)
    {
        if (value.isEmpty()) {
            return NONE;
        }
        if (!value.get().equals("url")) {
            throw CommonErrors.INVALID_ARGUMENT.exception("Invalid Encoding Method specified in Request")
                    .with("ArgumentName", "encoding-type")
                    .with("ArgumentValue", value.get());
        }
        return new ListingEncoding(value);
    }

    public String encode(String value)
    {
        return type.isPresent() ? UriCodec.encode(value, true) : value;
    }

    public Optional<String> encode(Optional<String> value)
    {
        return value.map(this::encode);
    }
}
