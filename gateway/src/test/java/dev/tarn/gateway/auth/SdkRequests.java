package dev.tarn.gateway.auth;

import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.CredentialResolver;
import dev.tarn.spi.security.SigningCredential;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Test-side glue: credentials, an authenticator over them, the AWS SDK's own signer, and the
 * conversion of an SDK request into the {@link IncomingRequest} the gateway would build.
 */
final class SdkRequests
{
    static final String ACCESS_KEY = "AKIATARNTESTKEY00001";
    static final String SECRET_KEY = "tarn/Secret+Key/For/Tests/0123456789ABCD";
    static final String INACTIVE_ACCESS_KEY = "AKIATARNINACTIVE0001";
    static final String TEMPORARY_ACCESS_KEY = "ASIATARNTEMPORARY001";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzEBYaDTarnSessionToken//+=";
    static final String ACCOUNT = "123456789012";
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Instant TOKEN_EXPIRATION = NOW.plusSeconds(3600);

    static final SigningCredential PERMANENT = SigningCredential.permanent(ACCESS_KEY, SECRET_KEY, Caller.root(ACCOUNT, ACCESS_KEY));
    static final SigningCredential INACTIVE = new SigningCredential(INACTIVE_ACCESS_KEY, SECRET_KEY, Caller.root(ACCOUNT, INACTIVE_ACCESS_KEY),
            Optional.empty(), Optional.empty(), false);
    static final SigningCredential TEMPORARY = new SigningCredential(TEMPORARY_ACCESS_KEY, SECRET_KEY,
            new Caller(ACCOUNT, "arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/session", "AROATARN:session", Optional.of(TEMPORARY_ACCESS_KEY), false),
            Optional.of(SESSION_TOKEN), Optional.of(TOKEN_EXPIRATION), true);

    static final CredentialResolver RESOLVER = accessKeyId -> switch (accessKeyId) {
        case ACCESS_KEY -> Optional.of(PERMANENT);
        case INACTIVE_ACCESS_KEY -> Optional.of(INACTIVE);
        case TEMPORARY_ACCESS_KEY -> Optional.of(TEMPORARY);
        default -> Optional.empty();
    };

    static final AwsCredentialsIdentity IDENTITY = AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY);

    private SdkRequests() {}

    static SigV4Authenticator authenticator()
    {
        return new SigV4Authenticator(RESOLVER, CLOCK);
    }

    static SigV4Authenticator authenticatorAt(Instant now)
    {
        return new SigV4Authenticator(RESOLVER, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A request as the SDK put it on the wire: its head and the bytes of its body. */
    record Wire(SdkHttpRequest request, byte[] body)
    {
        IncomingRequest incoming()
        {
            return toIncoming(request, body);
        }

        Wire withBody(byte[] newBody)
        {
            return new Wire(request, newBody);
        }

        Wire withRequest(Consumer<SdkHttpRequest.Builder> change)
        {
            SdkHttpRequest.Builder builder = request.toBuilder();
            change.accept(builder);
            return new Wire(builder.build(), body);
        }

        String bodyText()
        {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    /** Signs with {@link AwsV4HttpSigner} at {@link #NOW} for S3 in us-east-1, after any property changes. */
    static Wire signS3(SdkHttpRequest request, byte[] payload, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> properties)
    {
        return sign(request, payload, builder -> {
            builder.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
            properties.accept(builder);
        });
    }

    /** Signs with {@link AwsV4HttpSigner} at {@link #NOW} in us-east-1; a payload gets its Content-Length first, as the SDK's marshallers give it. */
    static Wire sign(SdkHttpRequest request, byte[] payload, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> properties)
    {
        SdkHttpRequest toSign = payload == null || request.firstMatchingHeader("Content-Length").isPresent()
                ? request
                : request.toBuilder().putHeader("Content-Length", Integer.toString(payload.length)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(builder -> {
            builder.identity(IDENTITY)
                    .request(toSign)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK);
            if (payload != null) {
                builder.payload(ContentStreamProvider.fromByteArray(payload));
            }
            properties.accept(builder);
        });
        return new Wire(signed.request(), signed.payload().map(SdkRequests::readAll).orElse(new byte[0]));
    }

    static byte[] readAll(ContentStreamProvider provider)
    {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request the gateway would see: raw path and query as sent, headers (with Host), body and Content-Length. */
    static IncomingRequest toIncoming(SdkHttpRequest request, byte[] body)
    {
        URI uri = request.getUri();
        Headers.Builder headers = Headers.builder();
        request.forEachHeader((name, values) -> values.forEach(value -> headers.add(name, value)));
        if (request.firstMatchingHeader("Host").isEmpty()) {
            headers.add("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        }
        OptionalLong contentLength = request.firstMatchingHeader("Content-Length")
                .map(value -> OptionalLong.of(Long.parseLong(value)))
                .orElse(OptionalLong.empty());
        return new IncomingRequest(request.method().name(), uri.getRawPath() == null ? "" : uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), headers.build(), new ByteArrayInputStream(body), contentLength);
    }

    /** Reads the whole decoded payload of an authenticated request. */
    static byte[] readPayload(Authentication authentication)
    {
        try (InputStream in = authentication.payload()) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An SDK HTTP client that answers every request with 200 and the given body, keeping what was
     * sent: the way to see exactly what a real SDK service client puts on the wire.
     */
    static final class CapturingHttpClient
            implements SdkHttpClient
    {
        private final String responseBody;
        private final Map<String, String> responseHeaders;
        final List<Wire> requests = new ArrayList<>();

        CapturingHttpClient(String responseBody, Map<String, String> responseHeaders)
        {
            this.responseBody = responseBody;
            this.responseHeaders = responseHeaders;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request)
        {
            return new ExecutableHttpRequest()
            {
                @Override
                public HttpExecuteResponse call()
                {
                    byte[] body = request.contentStreamProvider().map(SdkRequests::readAll).orElse(new byte[0]);
                    requests.add(new Wire(request.httpRequest(), body));
                    SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(200);
                    responseHeaders.forEach(response::putHeader);
                    return HttpExecuteResponse.builder()
                            .response(response.build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(responseBody.getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }
}
