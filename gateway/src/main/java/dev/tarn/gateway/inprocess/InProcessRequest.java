package dev.tarn.gateway.inprocess;

import dev.tarn.spi.http.Headers;

import java.io.InputStream;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A request made to a service from inside the server, in the terms of the service's protocol. */
public sealed interface InProcessRequest
        permits InProcessRequest.Rest, InProcessRequest.StreamingRest, InProcessRequest.Query, InProcessRequest.Json
{
    /**
     * A REST request (S3).
     *
     * @param rawPath the percent-encoded path, as a client would send it
     * @param query decoded query parameters
     */
    record Rest(String method, String rawPath, Map<String, List<String>> query, Headers headers, byte[] body)
            implements InProcessRequest
    {
        public Rest
        {
            requireNonNull(method, "method is null");
            requireNonNull(rawPath, "rawPath is null");
            query = Map.copyOf(query);
            requireNonNull(headers, "headers is null");
            requireNonNull(body, "body is null");
        }
    }

    /**
     * A REST request whose body is streamed rather than held in memory (an S3 PutObject of a
     * query result file). The invoker reads {@code body} once; the caller closes it.
     *
     * @param contentLength the exact number of bytes {@code body} holds
     */
    record StreamingRest(String method, String rawPath, Map<String, List<String>> query, Headers headers, InputStream body, long contentLength)
            implements InProcessRequest
    {
        public StreamingRest
        {
            requireNonNull(method, "method is null");
            requireNonNull(rawPath, "rawPath is null");
            query = Map.copyOf(query);
            requireNonNull(headers, "headers is null");
            requireNonNull(body, "body is null");
            if (contentLength < 0) {
                throw new IllegalArgumentException("contentLength is negative");
            }
        }
    }

    /** A query-protocol request: the action and its flattened parameters ({@code Tags.member.1.Key}). */
    record Query(String action, Map<String, String> parameters)
            implements InProcessRequest
    {
        public Query
        {
            requireNonNull(action, "action is null");
            parameters = Map.copyOf(parameters);
        }
    }

    /** A JSON-protocol request: the operation name (without the target prefix) and the JSON body. */
    record Json(String operation, String body)
            implements InProcessRequest
    {
        public Json
        {
            requireNonNull(operation, "operation is null");
            requireNonNull(body, "body is null");
        }
    }
}
