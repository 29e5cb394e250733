package dev.tarn.spi.service;

import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * A REST operation: the AWS operation name (used in logs, metrics and the audit trail), which
 * requests it answers, and the handler.
 */
public record RestRoute(String operationName, String method, Predicate<ServiceRequest> matcher, RestHandler handler)
{
    public RestRoute
    {
        requireNonNull(operationName, "operationName is null");
        requireNonNull(method, "method is null");
        requireNonNull(matcher, "matcher is null");
        requireNonNull(handler, "handler is null");
    }

    public boolean matches(ServiceRequest request)
    {
        return method.equals(request.method()) && matcher.test(request);
    }

    @FunctionalInterface
    public interface RestHandler
    {
        ServiceResponse handle(ServiceRequest request);
    }
}
