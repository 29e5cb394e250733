package dev.tarn.it.browser;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSConfiguration;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bucket CORS rules through the SDK, and what browsers see of them: preflights and the headers of actual requests, over plain HTTP. */
class CorsTest
{
    private static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";
    private static final List<String> CORS_HEADERS = List.of("access-control-allow-origin", "access-control-allow-methods",
            "access-control-allow-headers", "access-control-allow-credentials", "access-control-expose-headers", "access-control-max-age", "vary");

    private static TestServer server;
    private static S3Client s3;
    private static HttpClient http;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        s3 = server.s3();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop()
    {
        s3.close();
        server.close();
    }

    @Test
    void configurationIsPutReadAndDeleted()
    {
        String bucket = bucket("config");
        assertError(() -> s3.getBucketCors(request -> request.bucket(bucket)), 404, "NoSuchCORSConfiguration");

        CORSRule uploads = CORSRule.builder().id("uploads").allowedMethods("PUT", "POST").allowedOrigins("https://*.example.com")
                .allowedHeaders("content-type", "x-amz-*").exposeHeaders("ETag", "x-amz-version-id").maxAgeSeconds(600).build();
        CORSRule reads = CORSRule.builder().allowedMethods("GET", "HEAD").allowedOrigins("*").build();
        s3.putBucketCors(request -> request.bucket(bucket).corsConfiguration(CORSConfiguration.builder().corsRules(uploads, reads).build()));

        GetBucketCorsResponse stored = s3.getBucketCors(request -> request.bucket(bucket));
        assertThat(stored.corsRules()).containsExactly(uploads, reads);

        s3.deleteBucketCors(request -> request.bucket(bucket));
        assertError(() -> s3.getBucketCors(request -> request.bucket(bucket)), 404, "NoSuchCORSConfiguration");
        assertError(() -> s3.getBucketCors(request -> request.bucket("no-such-bucket-" + UUID.randomUUID())), 404, "NoSuchBucket");
    }

    @Test
    void invalidConfigurationsAreRefusedAndChangeNothing()
    {
        String bucket = bucket("invalid");
        CORSRule valid = CORSRule.builder().allowedMethods("GET").allowedOrigins("https://app.example.com").build();
        s3.putBucketCors(request -> request.bucket(bucket).corsConfiguration(configuration(valid)));

        assertError(() -> put(bucket, CORSRule.builder().allowedMethods("PATCH").allowedOrigins("*").build()), 400, "InvalidRequest",
                "Found unsupported HTTP method in CORS config. Unsupported method is PATCH");
        assertError(() -> put(bucket, CORSRule.builder().allowedMethods("GET").allowedOrigins("https://*.*.example.com").build()), 400,
                "InvalidRequest", "AllowedOrigin \"https://*.*.example.com\" can not have more than one wildcard.");
        assertError(() -> put(bucket, CORSRule.builder().allowedMethods("GET").allowedOrigins("*").allowedHeaders("x-*-*").build()), 400,
                "InvalidRequest", "AllowedHeader \"x-*-*\" can not have more than one wildcard.");
        assertError(() -> put(bucket, CORSRule.builder().allowedMethods("GET").build()), 400, "MalformedXML");
        assertError(() -> put(bucket, CORSRule.builder().allowedOrigins("*").build()), 400, "MalformedXML");
        CORSRule[] tooMany = IntStream.range(0, 101).mapToObj(i -> valid).toArray(CORSRule[]::new);
        assertError(() -> put(bucket, tooMany), 400, "MalformedXML");
        CORSRule[] hundred = IntStream.range(0, 100).mapToObj(i -> valid).toArray(CORSRule[]::new);

        assertThat(s3.getBucketCors(request -> request.bucket(bucket)).corsRules()).containsExactly(valid);
        put(bucket, hundred);
        assertThat(s3.getBucketCors(request -> request.bucket(bucket)).corsRules()).hasSize(100);
    }

    @Test
    void preflightIsAnsweredByTheFirstMatchingRule()
            throws Exception
    {
        String bucket = bucket("preflight");
        put(bucket,
                CORSRule.builder().allowedMethods("PUT", "POST").allowedOrigins("https://*.example.com")
                        .allowedHeaders("content-type", "x-amz-*").exposeHeaders("ETag", "x-amz-version-id").maxAgeSeconds(600).build(),
                CORSRule.builder().allowedMethods("GET", "HEAD").allowedOrigins("*").build());

        HttpResponse<String> upload = preflight(bucket + "/photos/cat.jpg", "https://app.example.com", "PUT", "content-type,x-amz-date");
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(corsHeaders(upload.headers())).isEqualTo(Map.of(
                "access-control-allow-origin", "https://app.example.com",
                "access-control-allow-credentials", "true",
                "access-control-allow-methods", "PUT, POST",
                "access-control-allow-headers", "content-type, x-amz-date",
                "access-control-expose-headers", "ETag, x-amz-version-id",
                "access-control-max-age", "600",
                "vary", VARY));

        // any origin: "*" and no credentials; the second rule, since the first allows no GET
        HttpResponse<String> read = preflight(bucket, "https://elsewhere.test", "GET", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(corsHeaders(read.headers())).isEqualTo(Map.of(
                "access-control-allow-origin", "*",
                "access-control-allow-methods", "GET, HEAD",
                "vary", VARY));

        // a header no rule allows; an origin outside the wildcard; a method no rule names
        assertForbidden(preflight(bucket + "/photos/cat.jpg", "https://app.example.com", "PUT", "content-type,authorization"), "PUT", "OBJECT",
                "CORSResponse: This CORS request is not allowed.");
        assertForbidden(preflight(bucket + "/photos/cat.jpg", "https://app.example.org", "PUT", null), "PUT", "OBJECT",
                "CORSResponse: This CORS request is not allowed.");
        assertForbidden(preflight(bucket, "https://app.example.com", "DELETE", null), "DELETE", "BUCKET",
                "CORSResponse: This CORS request is not allowed.");
    }

    @Test
    void preflightWithoutRulesOrOriginIsRefused()
            throws Exception
    {
        String bucket = bucket("norules");
        assertForbidden(preflight(bucket + "/key", "https://app.example.com", "GET", null), "GET", "OBJECT",
                "CORSResponse: CORS is not enabled for this bucket.");

        put(bucket, CORSRule.builder().allowedMethods("GET").allowedOrigins("*").build());
        HttpResponse<String> noOrigin = send(HttpRequest.newBuilder(uri(bucket + "/key"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Method", "GET"));
        assertThat(noOrigin.statusCode()).isEqualTo(400);
        assertThat(noOrigin.body()).contains("<Code>BadRequest</Code>").contains("Insufficient information. Origin request header needed.");

        HttpResponse<String> badMethod = preflight(bucket + "/key", "https://app.example.com", "PATCH", null);
        assertThat(badMethod.statusCode()).isEqualTo(400);
        assertThat(badMethod.body()).contains("<Code>BadRequest</Code>").contains("Invalid Access-Control-Request-Method: PATCH");
        assertThat(corsHeaders(badMethod.headers())).isEmpty();
    }

    @Test
    void actualRequestsCarryTheHeadersErrorsIncluded()
            throws Exception
    {
        String bucket = bucket("actual");
        put(bucket, CORSRule.builder().allowedMethods("GET", "HEAD").allowedOrigins("https://app.example.com").exposeHeaders("ETag").build());
        s3.putObject(request -> request.bucket(bucket).key("report.csv"), RequestBody.fromString("a,b\n1,2\n"));
        String uploaded = presignedGet(bucket, "report.csv");
        Map<String, String> allowed = Map.of(
                "access-control-allow-origin", "https://app.example.com",
                "access-control-allow-credentials", "true",
                "access-control-allow-methods", "GET, HEAD",
                "access-control-expose-headers", "ETag",
                "vary", VARY);

        HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(uploaded)).header("Origin", "https://app.example.com"));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("a,b\n1,2\n");
        assertThat(corsHeaders(get.headers())).isEqualTo(allowed);

        // unsigned, so anonymous: AccessDenied, which the browser may read
        HttpResponse<String> denied = send(HttpRequest.newBuilder(uri(bucket + "/report.csv")).header("Origin", "https://app.example.com"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("<Code>AccessDenied</Code>");
        assertThat(corsHeaders(denied.headers())).isEqualTo(allowed);

        // refused by authentication, before S3 saw it
        HttpResponse<String> unknownKey = send(HttpRequest.newBuilder(uri(bucket + "/report.csv"))
                .header("Origin", "https://app.example.com")
                .header("x-amz-date", "20260101T000000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAUNKNOWN0000000000/20260101/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64)));
        assertThat(unknownKey.statusCode()).isEqualTo(403);
        assertThat(unknownKey.body()).contains("<Code>InvalidAccessKeyId</Code>");
        assertThat(corsHeaders(unknownKey.headers())).isEqualTo(allowed);

        HttpResponse<String> missing = send(HttpRequest.newBuilder(URI.create(presignedGet(bucket, "missing.csv"))).header("Origin", "https://app.example.com"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(corsHeaders(missing.headers())).isEqualTo(allowed);

        // another origin, or a method the rule does not name: no Access-Control headers, only Vary
        HttpResponse<String> otherOrigin = send(HttpRequest.newBuilder(URI.create(uploaded)).header("Origin", "https://evil.test"));
        assertThat(otherOrigin.statusCode()).isEqualTo(200);
        assertThat(corsHeaders(otherOrigin.headers())).isEqualTo(Map.of("vary", VARY));

        // no Origin: not a cross-origin request, nothing added
        HttpResponse<String> sameOrigin = send(HttpRequest.newBuilder(URI.create(uploaded)));
        assertThat(sameOrigin.statusCode()).isEqualTo(200);
        assertThat(corsHeaders(sameOrigin.headers())).isEmpty();
    }

    private static String presignedGet(String bucket, String key)
    {
        try (var presigner = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
                .endpointOverride(server.endpoint())
                .region(TestServer.REGION)
                .credentialsProvider(server.credentials())
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            return presigner.presignGetObject(request -> request.signatureDuration(java.time.Duration.ofMinutes(5))
                    .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toString();
        }
    }

    private static void assertForbidden(HttpResponse<String> response, String method, String resourceType, String message)
    {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body())
                .contains("<Code>AccessForbidden</Code>")
                .contains("<Message>" + message)
                .contains("<Method>" + method + "</Method>")
                .contains("<ResourceType>" + resourceType + "</ResourceType>");
        assertThat(corsHeaders(response.headers())).isEmpty();
    }

    private static HttpResponse<String> preflight(String path, String origin, String method, String requestHeaders)
            throws IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (requestHeaders != null) {
            request.header("Access-Control-Request-Headers", requestHeaders);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException
    {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> corsHeaders(HttpHeaders headers)
    {
        Map<String, String> found = new java.util.TreeMap<>();
        for (String name : CORS_HEADERS) {
            headers.firstValue(name).ifPresent(value -> found.put(name, value));
        }
        return found;
    }

    private static URI uri(String path)
    {
        return URI.create(server.endpoint() + "/" + path);
    }

    private static void put(String bucket, CORSRule... rules)
    {
        s3.putBucketCors(request -> request.bucket(bucket).corsConfiguration(configuration(rules)));
    }

    private static CORSConfiguration configuration(CORSRule... rules)
    {
        return CORSConfiguration.builder().corsRules(rules).build();
    }

    private static String bucket(String purpose)
    {
        String name = "cors-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(request -> request.bucket(name));
        return name;
    }

    private static void assertError(Executable call, int status, String code)
    {
        assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                });
    }

    private static void assertError(Executable call, int status, String code, String message)
    {
        assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }
}
