package dev.tarn.spi.http;

import dev.tarn.spi.security.RequestContext;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request as the gateway hands it to a service: already authenticated, its body already
 * decoded (aws-chunked framing removed, chunk signatures and the payload hash verified as the
 * bytes stream through).
 */
public interface ServiceRequest
{
    RequestContext context();

    String method();

    /** The path exactly as sent, percent-encoded. */
    String rawPath();

    /** The path, percent-decoded. For virtual-hosted S3 requests the bucket is not in it. */
    String path();

    /** The bucket named in the Host header (virtual-hosted-style addressing), if any. */
    Optional<String> virtualHostBucket();

    /** Query parameters, percent-decoded, in arrival order; a parameter without '=' maps to "". */
    Map<String, List<String>> query();

    default Optional<String> queryParameter(String name)
    {
        List<String> values = query().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    default boolean hasQueryParameter(String name)
    {
        return query().containsKey(name);
    }

    Headers headers();

    default Optional<String> header(String name)
    {
        return headers().first(name);
    }

    /**
     * The decoded payload. Reading it to the end verifies it (payload hash, chunk signatures,
     * Content-Length); a failed check surfaces as an {@link dev.tarn.spi.error.AwsException}
     * wrapped in an {@link java.io.UncheckedIOException} or thrown directly.
     */
    InputStream body();

    /** Length of the decoded payload when known in advance (x-amz-decoded-content-length or Content-Length). */
    OptionalLong contentLength();

    /**
     * Trailing headers (aws-chunked trailers, such as x-amz-checksum-crc32), available once the
     * body has been read to the end; empty before that or when the request had none.
     */
    Headers trailers();
}
