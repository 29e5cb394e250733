package dev.tarn.gateway.inprocess;

import dev.tarn.gateway.http.GatewayRequest;
import dev.tarn.gateway.routing.ServiceBinding;
import dev.tarn.gateway.routing.ServiceRegistry;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.security.RequestContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Calls a service the way a client would, but from inside the server: the request goes through
 * the same {@link ServiceBinding} (protocol decoding, operation, authorization inside the
 * service) as one arriving over HTTP, minus the socket and the signature, because the caller in
 * the given {@link RequestContext} is already authenticated. Errors come back as the
 * {@link AwsException} the service threw, never encoded.
 */
public final class InProcessInvoker
{
    private final Supplier<ServiceRegistry> services;

    public InProcessInvoker(ServiceRegistry services)
    {
        requireNonNull(services, "services is null");
        this.services = () -> services;
    }

    /**
     * An invoker over a registry that exists only later: services that call others in process
     * are themselves part of the registry they call through.
     */
    public InProcessInvoker(Supplier<ServiceRegistry> services)
    {
        this.services = requireNonNull(services, "services is null");
    }

    /** Sends the request to the service signed as {@code signingName}, on behalf of {@code caller}. */
    public ServiceResponse invoke(RequestContext caller, String signingName, InProcessRequest request)
    {
        requireNonNull(caller, "caller is null");
        requireNonNull(signingName, "signingName is null");
        requireNonNull(request, "request is null");
        ServiceRegistry registry = requireNonNull(services.get(), "service registry not built yet");
        ServiceBinding service = registry.bySigningName(signingName)
                .orElseThrow(() -> CommonErrors.INVALID_REQUEST.exception("Unknown service: " + signingName));
        RequestContext context = new RequestContext(UUID.randomUUID().toString(), caller.caller(), caller.region(), caller.sourceIp(),
                caller.secureTransport(), caller.receivedAt());
        if (request instanceof InProcessRequest.RestFile upload) {
            return invokeWithFile(context, service, upload);
        }
        GatewayRequest serviceRequest;
        if (request instanceof InProcessRequest.Rest rest) {
            serviceRequest = restRequest(context, rest);
        }
        else if (request instanceof InProcessRequest.Query query) {
            serviceRequest = queryRequest(context, query);
        }
        else {
            serviceRequest = jsonRequest(context, service, (InProcessRequest.Json) request);
        }
        return dispatch(service, serviceRequest);
    }

    private static ServiceResponse invokeWithFile(RequestContext context, ServiceBinding service, InProcessRequest.RestFile upload)
    {
        try (InputStream body = Files.newInputStream(upload.body())) {
            long length = Files.size(upload.body());
            Headers headers = upload.headers().toBuilder()
                    .set("content-length", Long.toString(length))
                    .build();
            return dispatch(service, new GatewayRequest(context, upload.method(), upload.rawPath(), Optional.empty(), upload.query(), headers, body,
                    OptionalLong.of(length), Headers::empty));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServiceResponse dispatch(ServiceBinding service, GatewayRequest serviceRequest)
    {
        try {
            return service.dispatch(serviceRequest);
        }
        catch (AwsException e) {
            throw e;
        }
        catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof AwsException aws) {
                    throw aws;
                }
            }
            throw CommonErrors.INTERNAL_ERROR.exception().withCause(e);
        }
    }

    /** The whole body of a response, as text (small XML and JSON answers). */
    public static String bodyText(ServiceResponse response)
    {
        if (response.body().isEmpty()) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            response.body().get().writeTo(out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static GatewayRequest restRequest(RequestContext context, InProcessRequest.Rest rest)
    {
        Headers headers = rest.headers().toBuilder()
                .set("content-length", Long.toString(rest.body().length))
                .build();
        return new GatewayRequest(context, rest.method(), rest.rawPath(), Optional.empty(), rest.query(), headers,
                new ByteArrayInputStream(rest.body()), OptionalLong.of(rest.body().length), Headers::empty);
    }

    private static GatewayRequest queryRequest(RequestContext context, InProcessRequest.Query query)
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("Action", List.of(query.action()));
        query.parameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        return new GatewayRequest(context, "GET", "/", Optional.empty(), parameters, Headers.empty(),
                new ByteArrayInputStream(new byte[0]), OptionalLong.of(0), Headers::empty);
    }

    private static GatewayRequest jsonRequest(RequestContext context, ServiceBinding service, InProcessRequest.Json json)
    {
        byte[] body = json.body().getBytes(StandardCharsets.UTF_8);
        String prefix = service.descriptor().targetPrefix().orElse("");
        Headers headers = Headers.builder()
                .set("x-amz-target", prefix + "." + json.operation())
                .set("content-type", "application/x-amz-json-" + service.descriptor().jsonVersion().orElse("1.1"))
                .set("content-length", Integer.toString(body.length))
                .build();
        return new GatewayRequest(context, "POST", "/", Optional.empty(), Map.of(), headers, new ByteArrayInputStream(body),
                OptionalLong.of(body.length), Headers::empty);
    }
}
