package dev.tarn.gateway.inprocess;

import dev.tarn.spi.http.Headers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A request made to a service from inside the server, in the terms of the service's protocol. */
public sealed interface InProcessRequest
        permits InProcessRequest.Rest, InProcessRequest.RestFile, InProcessRequest.Query, InProcessRequest.Json
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
     * A REST request whose body is streamed from a file (an S3 PutObject of a large file, which
     * should not be held in memory whole).
     *
     * @param rawPath the percent-encoded path, as a client would send it
     * @param query decoded query parameters
     */
    record RestFile(String method, String rawPath, Map<String, List<String>> query, Headers headers, Path body)
            implements InProcessRequest
    {
        public RestFile
        {
            requireNonNull(method, "method is null");
            requireNonNull(rawPath, "rawPath is null");
            query = Map.copyOf(query);
            requireNonNull(headers, "headers is null");
            requireNonNull(body, "body is null");
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
