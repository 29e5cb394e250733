package dev.tarn.gateway;

import dev.tarn.gateway.audit.ExchangeTrace;
import dev.tarn.gateway.audit.RequestObserver;
import dev.tarn.gateway.auth.Authentication;
import dev.tarn.gateway.auth.IncomingRequest;
import dev.tarn.gateway.auth.RequestAuthenticator;
import dev.tarn.gateway.http.GatewayRequest;
import dev.tarn.gateway.http.UriCodec;
import dev.tarn.gateway.protocol.ErrorDocument;
import dev.tarn.gateway.routing.ServiceBinding;
import dev.tarn.gateway.routing.ServiceRegistry;
import dev.tarn.gateway.routing.UnsignedStsAction;
import dev.tarn.gateway.routing.VirtualHosts;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ResponseBody;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.security.SigningCredential;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The one path every request takes: internal endpoints, then authenticate (SigV4), find the
 * service by the credential scope, dispatch to the operation, and encode the result or the
 * error in the service's protocol. Services never see Jetty types.
 */
public final class GatewayHandler
        extends Handler.Abstract
{
    private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);
    private static final String INTERNAL_PREFIX = "/_tarn/";
    /** The one service whose resources can be made public, so the one that sees anonymous callers. */
    private static final String ANONYMOUS_SERVICE = "s3";

    private final RequestAuthenticator authenticator;
    private final ServiceRegistry services;
    private final VirtualHosts virtualHosts;
    private final String defaultRegion;
    private final Clock clock;
    private final InternalEndpoints internalEndpoints;
    private final RequestObserver observer;

    public GatewayHandler(RequestAuthenticator authenticator, ServiceRegistry services, VirtualHosts virtualHosts, String defaultRegion,
            Clock clock, InternalEndpoints internalEndpoints)
    {
        this(authenticator, services, virtualHosts, defaultRegion, clock, internalEndpoints, RequestObserver.none());
    }

    /** @param observer told about every request (internal endpoints aside) once its response is sent */
    public GatewayHandler(RequestAuthenticator authenticator, ServiceRegistry services, VirtualHosts virtualHosts, String defaultRegion,
            Clock clock, InternalEndpoints internalEndpoints, RequestObserver observer)
    {
        super(InvocationType.BLOCKING);
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.services = requireNonNull(services, "services is null");
        this.virtualHosts = requireNonNull(virtualHosts, "virtualHosts is null");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.internalEndpoints = requireNonNull(internalEndpoints, "internalEndpoints is null");
        this.observer = requireNonNull(observer, "observer is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
    {
        String requestId = RequestIds.requestId();
        String hostId = RequestIds.hostId();
        String rawPath = Optional.ofNullable(request.getHttpURI().getPath()).orElse("/");
        String rawQuery = Optional.ofNullable(request.getHttpURI().getQuery()).orElse("");
        boolean head = "HEAD".equals(request.getMethod());

        if (rawPath.startsWith(INTERNAL_PREFIX)) {
            send(internalEndpoints.handle(request.getMethod(), rawPath.substring(INTERNAL_PREFIX.length())), requestId, hostId, head, response, callback,
                    Optional.empty());
            return true;
        }

        Headers headers = headers(request);
        ExchangeTrace trace = new ExchangeTrace(requestId, hostId, clock.instant(), Request.getRemoteAddr(request), request.isSecure(),
                request.getMethod(), rawPath, rawQuery, headers, virtualHosts.bucket(headers.first("host")));
        OptionalLong contentLength = request.getLength() >= 0 ? OptionalLong.of(request.getLength()) : OptionalLong.empty();
        IncomingRequest incoming = new IncomingRequest(request.getMethod(), rawPath, rawQuery, headers,
                trace.countReceived(Content.Source.asInputStream(request)), contentLength);
        ServiceResponse answer;
        try {
            answer = serve(incoming, request, requestId, hostId, trace);
        }
        catch (AwsException e) {
            log.debug("{} {} {}: {} {}", requestId, request.getMethod(), rawPath, e.code(), e.getMessage());
            trace.service(services.claimedService(incoming).signingName());
            answer = completeRefused(incoming, request, requestId, ServiceBinding.encodeError(services.claimedService(incoming), e, false, requestId, hostId));
        }
        send(answer, requestId, hostId, head, response, callback, Optional.of(trace));
        observer.observe(trace.complete(answer.status(), ErrorDocument.errorCode(answer), answer.headers()));
        return true;
    }

    private ServiceResponse serve(IncomingRequest incoming, Request request, String requestId, String hostId, ExchangeTrace trace)
    {
        Authentication authentication = authenticator.authenticate(incoming);
        UnsignedStsAction.Routed routed = authentication.credential().isEmpty()
                ? UnsignedStsAction.route(services, incoming, virtualHosts.bucket(incoming.headers().first("host")), authentication.payload())
                : new UnsignedStsAction.Routed(Optional.empty(), authentication.payload());
        Optional<ServiceBinding> unsignedSts = routed.service();
        InputStream payload = routed.payload();
        boolean anonymousAllowed = unsignedSts.isPresent();
        ServiceBinding service = authentication.service()
                .map(name -> services.bySigningName(name).orElseThrow(() -> CommonErrors.INVALID_REQUEST.exception("Unknown service in credential scope: " + name)))
                .or(() -> unsignedSts)
                .orElse(services.defaultService());
        trace.service(service.descriptor().signingName());
        Caller caller = authentication.credential()
                .map(SigningCredential::caller)
                .orElseGet(() -> anonymousAllowed ? Caller.anonymous() : anonymous(service));
        RequestContext context = new RequestContext(requestId, caller, authentication.region().orElse(defaultRegion),
                Request.getRemoteAddr(request), request.isSecure(), clock.instant());
        Map<String, List<String>> query = UriCodec.parseQuery(incoming.rawQuery());
        GatewayRequest serviceRequest = new GatewayRequest(context, incoming.method(), incoming.rawPath(),
                virtualHosts.bucket(incoming.headers().first("host")), query, incoming.headers(), payload,
                authentication.decodedLength(), authentication.trailers());
        trace.dispatching(caller, service.operationName(serviceRequest));
        return complete(service, serviceRequest, dispatch(service, serviceRequest, incoming, requestId, hostId, trace));
    }

    private ServiceResponse dispatch(ServiceBinding service, GatewayRequest serviceRequest, IncomingRequest incoming, String requestId, String hostId,
            ExchangeTrace trace)
    {
        try {
            return service.dispatch(serviceRequest, trace::operation);
        }
        catch (AwsException e) {
            log.debug("{} {} {}: {} {}", requestId, incoming.method(), incoming.rawPath(), e.code(), e.getMessage());
            return service.encodeError(e, serviceRequest, requestId, hostId);
        }
        catch (UncheckedIOException e) {
            AwsException cause = findAwsCause(e);
            if (cause != null) {
                return service.encodeError(cause, serviceRequest, requestId, hostId);
            }
            log.warn("{} {} {} failed", requestId, incoming.method(), incoming.rawPath(), e);
            return service.encodeError(CommonErrors.INTERNAL_ERROR.exception(), serviceRequest, requestId, hostId);
        }
        catch (RuntimeException e) {
            AwsException cause = findAwsCause(e);
            if (cause != null) {
                return service.encodeError(cause, serviceRequest, requestId, hostId);
            }
            log.error("{} {} {} failed", requestId, incoming.method(), incoming.rawPath(), e);
            return service.encodeError(CommonErrors.INTERNAL_ERROR.exception(), serviceRequest, requestId, hostId);
        }
    }

    /**
     * The service's last word on a response (S3's CORS headers). A failure there must not cost the
     * client the answer it already has, so the response is then sent as it was.
     */
    private static ServiceResponse complete(ServiceBinding service, GatewayRequest request, ServiceResponse response)
    {
        try {
            return service.complete(request, response);
        }
        catch (RuntimeException e) {
            log.warn("{} completing the response failed; sent as it was", request.context().requestId(), e);
            return response;
        }
    }

    /**
     * A request refused before it reached its service (authentication failed) is completed by the
     * service it claimed as an anonymous one without a body, so that, for example, a browser can
     * read S3's error document under the bucket's CORS rules.
     */
    private ServiceResponse completeRefused(IncomingRequest incoming, Request request, String requestId, ServiceResponse response)
    {
        ServiceBinding service = services.bySigningName(services.claimedService(incoming).signingName()).orElse(services.defaultService());
        RequestContext context = new RequestContext(requestId, Caller.anonymous(), defaultRegion, Request.getRemoteAddr(request), request.isSecure(),
                clock.instant());
        GatewayRequest refused = new GatewayRequest(context, incoming.method(), incoming.rawPath(), virtualHosts.bucket(incoming.headers().first("host")),
                UriCodec.parseQuery(incoming.rawQuery()), incoming.headers(), InputStream.nullInputStream(), OptionalLong.of(0), Headers::empty);
        return complete(service, refused, response);
    }

    /**
     * An unsigned request reaches S3 as the anonymous caller, so that a public bucket policy can
     * allow it (and S3 answers AccessDenied to everything else); other services serve nothing
     * anonymously, but for STS AssumeRoleWithWebIdentity ({@link UnsignedStsAction}).
     */
    private static Caller anonymous(ServiceBinding service)
    {
        if (!service.descriptor().signingName().equals(ANONYMOUS_SERVICE)) {
            throw CommonErrors.ACCESS_DENIED.exception("Anonymous users cannot access this resource.");
        }
        return Caller.anonymous();
    }

    /** Payload verification fails inside read(); such failures may arrive wrapped by I/O layers. */
    private static AwsException findAwsCause(Throwable error)
    {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AwsException aws) {
                return aws;
            }
        }
        return null;
    }

    private static Headers headers(Request request)
    {
        Headers.Builder builder = Headers.builder();
        for (HttpField field : request.getHeaders()) {
            builder.add(field.getName(), field.getValue());
        }
        return builder.build();
    }

    private void send(ServiceResponse answer, String requestId, String hostId, boolean head, Response response, Callback callback,
            Optional<ExchangeTrace> trace)
    {
        trace.ifPresent(ExchangeTrace::responding);
        response.setStatus(answer.status());
        var out = response.getHeaders();
        out.put("x-amz-request-id", requestId);
        out.put("x-amz-id-2", hostId);
        out.put(HttpHeader.DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC)));
        out.put(HttpHeader.SERVER, "Tarn");
        answer.headers().asMap().forEach((name, values) -> values.forEach(value -> out.add(name, value)));
        Optional<ResponseBody> body = answer.body();
        if (body.isEmpty()) {
            if (!answer.headers().contains("content-length")) {
                out.put(HttpHeader.CONTENT_LENGTH, 0L);
            }
            response.write(true, null, callback);
            return;
        }
        ResponseBody content = body.get();
        if (!answer.headers().contains("content-type")) {
            out.put(HttpHeader.CONTENT_TYPE, content.contentType());
        }
        content.length().ifPresent(length -> out.put(HttpHeader.CONTENT_LENGTH, length));
        if (head) {
            response.write(true, null, callback);
            return;
        }
        try (OutputStream stream = trace.map(traced -> traced.countSent(Content.Sink.asOutputStream(response)))
                .orElseGet(() -> Content.Sink.asOutputStream(response))) {
            content.writeTo(stream);
        }
        catch (IOException | RuntimeException e) {
            // Headers are gone already; the only honest signal left is to break the connection.
            log.warn("{} response body failed", requestId, e);
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }
}
