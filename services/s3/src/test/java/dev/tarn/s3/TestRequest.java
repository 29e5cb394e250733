package dev.tarn.s3;

import dev.tarn.gateway.http.UriCodec;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A request as the gateway would hand it over after authentication: path-style, from an account's root user. */
public final class TestRequest
        implements ServiceRequest
{
    public static final String ACCOUNT = "123456789012";

    private final String method;
    private final String rawPath;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Headers.Builder headers = Headers.builder();
    private byte[] body = new byte[0];

    private TestRequest(String method, String bucket, String key)
    {
        this.method = method;
        this.rawPath = "/" + bucket + "/" + UriCodec.encode(key, true);
    }

    public static TestRequest of(String method, String bucket, String key)
    {
        return new TestRequest(method, bucket, key);
    }

    public TestRequest query(String name, String value)
    {
        query.put(name, List.of(value));
        return this;
    }

    public TestRequest header(String name, String value)
    {
        headers.set(name, value);
        return this;
    }

    public TestRequest body(byte[] bytes)
    {
        this.body = bytes.clone();
        return this;
    }

    @Override
    public RequestContext context()
    {
        return new RequestContext("REQUEST", Caller.root(ACCOUNT, "AKIATEST"), "us-east-1", "127.0.0.1", false, Instant.now());
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
        return UriCodec.decode(rawPath, false);
    }

    @Override
    public Optional<String> virtualHostBucket()
    {
        return Optional.empty();
    }

    @Override
    public Map<String, List<String>> query()
    {
        return query;
    }

    @Override
    public Headers headers()
    {
        return headers.build();
    }

    @Override
    public InputStream body()
    {
        return new ByteArrayInputStream(body);
    }

    @Override
    public OptionalLong contentLength()
    {
        return OptionalLong.of(body.length);
    }

    @Override
    public Headers trailers()
    {
        return Headers.empty();
    }
}
