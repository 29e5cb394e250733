package dev.tarn.s3.cors;

import dev.tarn.s3.S3Location;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Adds the Access-Control headers to the response of an actual cross-origin request (one with an
 * Origin header), error responses included, when a rule of the bucket allows the origin and the
 * request's method. Requests without Origin are left untouched without a look at the bucket.
 */
public final class CorsResponses
{
    private final CorsConfigurations configurations;

    public CorsResponses(CorsConfigurations configurations)
    {
        this.configurations = requireNonNull(configurations, "configurations is null");
    }

    public ServiceResponse complete(ServiceRequest request, ServiceResponse response)
    {
        Optional<String> origin = request.header("Origin");
        if (origin.isEmpty() || request.method().equals("OPTIONS")) {
            // preflights answer for themselves
            return response;
        }
        Optional<String> bucket = S3Location.of(request).bucket();
        Optional<CorsConfiguration> configuration = bucket.flatMap(configurations::of);
        if (configuration.isEmpty()) {
            return response;
        }
        Headers.Builder headers = response.headers().toBuilder();
        configuration.get().match(origin.get(), request.method(), List.of())
                .ifPresentOrElse(match -> match.addTo(headers), () -> headers.set("Vary", CorsMatch.VARY));
        return new ServiceResponse(response.status(), headers.build(), response.body());
    }
}
