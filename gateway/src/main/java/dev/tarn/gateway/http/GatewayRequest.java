package dev.tarn.gateway.http;

import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.security.RequestContext;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/** The gateway's {@link ServiceRequest}: an authenticated request with its verified payload. */
public final class GatewayRequest
        implements ServiceRequest
{
    private final RequestContext context;
    private final String method;
    private final String rawPath;
    private final String path;
    private final Optional<String> virtualHostBucket;
    private final Map<String, List<String>> query;
    private final Headers headers;
    private final InputStream body;
    private final OptionalLong contentLength;
    private final Supplier<Headers> trailers;

    public GatewayRequest(RequestContext context, String method, String rawPath, Optional<String> virtualHostBucket,
            Map<String, List<String>> query, Headers headers, InputStream body, OptionalLong contentLength, Supplier<Headers> trailers)
    {
        this.context = requireNonNull(context, "context is null");
        this.method = requireNonNull(method, "method is null");
        this.rawPath = requireNonNull(rawPath, "rawPath is null");
        this.path = UriCodec.decode(rawPath, false);
        this.virtualHostBucket = requireNonNull(virtualHostBucket, "virtualHostBucket is null");
        this.query = requireNonNull(query, "query is null");
        this.headers = requireNonNull(headers, "headers is null");
        this.body = requireNonNull(body, "body is null");
        this.contentLength = requireNonNull(contentLength, "contentLength is null");
        this.trailers = requireNonNull(trailers, "trailers is null");
    }

    @Override
    public RequestContext context()
    {
        return context;
    }

    @Override
    public String method()
    {
        return method;
    }

    @Override
    public String rawPath()
    {
        return rawPath;
    }

    @Override
    public String path()
    {
        return path;
    }

    @Override
    public Optional<String> virtualHostBucket()
    {
        return virtualHostBucket;
    }

    @Override
    public Map<String, List<String>> query()
    {
        return query;
    }

    @Override
    public Headers headers()
    {
        return headers;
    }

    @Override
    public InputStream body()
    {
        return body;
    }

    @Override
    public OptionalLong contentLength()
    {
        return contentLength;
    }

    @Override
    public Headers trailers()
    {
        return trailers.get();
    }
}
