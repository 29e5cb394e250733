package dev.tarn.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest
{
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesOneLinePerRequestIntoTheFileOfItsUtcDayOwnerOnly(@TempDir Path dataDir)
            throws Exception
    {
        Path directory = dataDir.resolve("audit");
        try (AuditLog audit = AuditLog.start(directory, 16)) {
            audit.observe(exchange("r1", Instant.parse("2026-03-01T23:59:59Z"), Optional.of(Caller.root("123456789012", "AKIAROOT")),
                    Headers.empty(), 200, Optional.empty()));
            audit.observe(exchange("r2", Instant.parse("2026-03-02T00:00:01Z"), Optional.empty(),
                    Headers.builder().set("authorization", "AWS4-HMAC-SHA256 Credential=AKIAWHO/20260302/us-east-1/s3/aws4_request, "
                            + "SignedHeaders=host, Signature=00").build(), 403, Optional.of("SignatureDoesNotMatch")));
            audit.observe(exchange("r3", Instant.parse("2026-03-02T00:00:02Z"), Optional.of(Caller.anonymous()), Headers.empty(), 403,
                    Optional.of("AccessDenied")));
        }

        List<String> first = Files.readAllLines(directory.resolve("audit-2026-03-01.jsonl"));
        List<String> second = Files.readAllLines(directory.resolve("audit-2026-03-02.jsonl"));
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(2);

        JsonNode root = JSON.readTree(first.get(0));
        assertThat(root.get("time").asText()).isEqualTo("2026-03-01T23:59:59Z");
        assertThat(root.get("principal").asText()).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(root.get("authenticated").asBoolean()).isTrue();
        assertThat(root.get("accessKeyId").asText()).isEqualTo("AKIAROOT");
        assertThat(root.get("resource").asText()).isEqualTo("bucket/dir/a b");
        assertThat(root.get("errorCode").isNull()).isTrue();
        assertThat(root.get("bytesIn").asLong()).isEqualTo(7);
        assertThat(root.get("bytesOut").asLong()).isEqualTo(11);
        assertThat(root.get("durationMs").asLong()).isEqualTo(15);

        JsonNode refused = JSON.readTree(second.get(0));
        assertThat(refused.get("principal").asText()).isEqualTo("anonymous");
        assertThat(refused.get("authenticated").asBoolean()).isFalse();
        assertThat(refused.get("accessKeyId").asText()).isEqualTo("AKIAWHO");
        assertThat(refused.get("errorCode").asText()).isEqualTo("SignatureDoesNotMatch");
        JsonNode anonymous = JSON.readTree(second.get(1));
        assertThat(anonymous.get("principal").asText()).isEqualTo("anonymous");
        assertThat(anonymous.get("accessKeyId").isNull()).isTrue();

        if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("audit-2026-03-01.jsonl")))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        }
    }

    @Test
    void presignedRequestsClaimTheirKeyFromTheQuery()
    {
        Exchange exchange = new Exchange("r", "h", Instant.EPOCH, "ip", false, "GET", "/b/k",
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAPRESIGN%2F20260302%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=00",
                Headers.empty(), Optional.empty(), Optional.empty(), Optional.of("s3"), Optional.empty(), 403, Optional.of("SignatureDoesNotMatch"),
                Headers.empty(), 0, 0, Duration.ZERO, Duration.ZERO);
        assertThat(exchange.accessKeyId()).contains("AKIAPRESIGN");
        assertThat(exchange.signing()).isEqualTo(Exchange.Signing.QUERY_STRING);
    }

    private static Exchange exchange(String requestId, Instant time, Optional<Caller> caller, Headers headers, int status, Optional<String> errorCode)
    {
        return new Exchange(requestId, "host", time, "10.0.0.1", false, "PUT", "/bucket/dir/a%20b", "", headers, Optional.empty(), caller,
                Optional.of("s3"), Optional.of("PutObject"), status, errorCode, Headers.empty(), 7, 11, Duration.ofMillis(5), Duration.ofMillis(15));
    }
}
