package dev.tarn.spi.http;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What a service answers: a status, headers and an optional streamed body. */
public record ServiceResponse(int status, Headers headers, Optional<ResponseBody> body)
{
    public ServiceResponse
    {
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
    }

    public static ServiceResponse empty(int status, Headers headers)
    {
        return new ServiceResponse(status, headers, Optional.empty());
    }

    public static ServiceResponse of(int status, Headers headers, ResponseBody body)
    {
        return new ServiceResponse(status, headers, Optional.of(body));
    }
}
