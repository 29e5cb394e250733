package dev.tarn.it.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log: one JSON line per request, allowed, denied or unauthenticated, in DATA_DIR/audit. */
class AuditLogTest
{
    /** Lines are written by a background thread; this bounds the wait, it is not what the test measures. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TestServer server;
    private static S3Client s3;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        s3 = server.s3();
    }

    @AfterAll
    static void stop()
    {
        s3.close();
        server.close();
    }

    @Test
    void everyRequestIsAuditedWhateverItsOutcome()
            throws Exception
    {
        String bucket = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String create = s3.createBucket(request -> request.bucket(bucket)).responseMetadata().requestId();
        String put = s3.putObject(request -> request.bucket(bucket).key("dir/a b.txt"), RequestBody.fromString("hello")).responseMetadata().requestId();
        String missing = requestIdOf(() -> s3.headObject(request -> request.bucket(bucket).key("missing")), "404");

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/" + bucket + "/dir/a%20b.txt"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        String unsigned = anonymous.headers().firstValue("x-amz-request-id").orElseThrow();

        String badSignature;
        try (S3Client wrongSecret = client(server.credentials().resolveCredentials().accessKeyId(), "not-the-secret")) {
            badSignature = requestIdOf(() -> wrongSecret.listObjectsV2(request -> request.bucket(bucket)), "SignatureDoesNotMatch");
        }
        String unknownKey;
        try (S3Client stranger = client("AKIAUNKNOWN000000000", "whatever")) {
            unknownKey = requestIdOf(() -> stranger.listBuckets(), "InvalidAccessKeyId");
        }
        String callerIdentity;
        try (StsClient sts = server.sts()) {
            callerIdentity = sts.getCallerIdentity().responseMetadata().requestId();
        }

        Path file = server.dataDir().resolve("audit").resolve("audit-" + LocalDate.now(ZoneOffset.UTC) + ".jsonl");
        Map<String, JsonNode> lines = awaitLines(file, Set.of(create, put, missing, unsigned, badSignature, unknownKey, callerIdentity));
        String root = "arn:aws:iam::" + server.accountId() + ":root";
        String rootKey = server.credentials().resolveCredentials().accessKeyId();

        JsonNode created = lines.get(create);
        assertLine(created, root, true, rootKey, "s3", "CreateBucket", "PUT", bucket, 200, null);
        assertThat(created.get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(Instant.parse(created.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(created.get("durationMs").isIntegralNumber()).isTrue();

        JsonNode written = lines.get(put);
        assertLine(written, root, true, rootKey, "s3", "PutObject", "PUT", bucket + "/dir/a b.txt", 200, null);
        assertThat(written.get("bytesIn").asLong()).isGreaterThanOrEqualTo(5);

        assertLine(lines.get(missing), root, true, rootKey, "s3", "HeadObject", "HEAD", bucket + "/missing", 404, "NoSuchKey");
        JsonNode anonymousLine = lines.get(unsigned);
        assertLine(anonymousLine, "anonymous", false, null, "s3", "GetObject", "GET", bucket + "/dir/a b.txt", 403, "AccessDenied");
        assertThat(anonymousLine.get("bytesOut").asLong()).isEqualTo(anonymous.body().length());
        assertLine(lines.get(badSignature), "anonymous", false, rootKey, "s3", null, "GET", bucket, 403, "SignatureDoesNotMatch");
        assertLine(lines.get(unknownKey), "anonymous", false, "AKIAUNKNOWN000000000", "s3", null, "GET", "", 403, "InvalidAccessKeyId");
        assertLine(lines.get(callerIdentity), root, true, rootKey, "sts", "GetCallerIdentity", "POST", "/", 200, null);

        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    private static void assertLine(JsonNode line, String principal, boolean authenticated, String accessKeyId, String service, String operation,
            String method, String resource, int status, String errorCode)
    {
        assertThat(line.get("principal").asText()).isEqualTo(principal);
        assertThat(line.get("authenticated").asBoolean()).isEqualTo(authenticated);
        assertThat(text(line, "accessKeyId")).isEqualTo(accessKeyId);
        assertThat(text(line, "service")).isEqualTo(service);
        assertThat(text(line, "operation")).isEqualTo(operation);
        assertThat(line.get("method").asText()).isEqualTo(method);
        assertThat(line.get("resource").asText()).isEqualTo(resource);
        assertThat(line.get("status").asInt()).isEqualTo(status);
        assertThat(text(line, "errorCode")).isEqualTo(errorCode);
        assertThat(line.has("bytesIn")).isTrue();
        assertThat(line.has("bytesOut")).isTrue();
        assertThat(line.has("durationMs")).isTrue();
    }

    private static String text(JsonNode line, String field)
    {
        assertThat(line.has(field)).as(field).isTrue();
        return line.get(field).isNull() ? null : line.get(field).asText();
    }

    private static Map<String, JsonNode> awaitLines(Path file, Set<String> requestIds)
            throws IOException, InterruptedException
    {
        Instant deadline = Instant.now().plus(WRITE_TIMEOUT);
        Map<String, JsonNode> lines = new HashMap<>();
        while (true) {
            lines.clear();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (line.endsWith("}")) {
                        JsonNode node = JSON.readTree(line);
                        lines.put(node.get("requestId").asText(), node);
                    }
                }
            }
            if (lines.keySet().containsAll(requestIds) || Instant.now().isAfter(deadline)) {
                assertThat(lines).containsKeys(requestIds.toArray(String[]::new));
                return lines;
            }
            Thread.sleep(100);
        }
    }

    private static S3Client client(String accessKeyId, String secret)
    {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(server.credentials(accessKeyId, secret))
                .forcePathStyle(true)
                .build();
    }

    /** The request id of a call that fails with {@code expected} as its error code or HTTP status. */
    private static String requestIdOf(Runnable call, String expected)
    {
        try {
            call.run();
        }
        catch (S3Exception e) {
            assertThat(expected).isIn(e.awsErrorDetails().errorCode(), Integer.toString(e.statusCode()));
            return e.requestId();
        }
        throw new AssertionError("expected " + expected);
    }
}
