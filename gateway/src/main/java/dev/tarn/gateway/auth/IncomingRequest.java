package dev.tarn.gateway.auth;

import dev.tarn.spi.http.Headers;

import java.io.InputStream;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * A request as it came off the wire, before anything is trusted.
 *
 * @param rawPath the request path exactly as sent (percent-encoded)
 * @param rawQuery the query string exactly as sent, without '?', empty when there is none
 * @param body the raw body (still aws-chunked when the client framed it so)
 * @param contentLength the Content-Length header, when sent
 */
public record IncomingRequest(String method, String rawPath, String rawQuery, Headers headers, InputStream body, OptionalLong contentLength)
{
    public IncomingRequest
    {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        requireNonNull(contentLength, "contentLength is null");
    }
}
