package dev.tarn.s3.logging;

import dev.tarn.gateway.audit.Exchange;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.Caller;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogRecordTest
{
    private static final String OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

    /** The first record of AWS's "Amazon S3 server access log format" example log. */
    @Test
    void formatsAwsDocumentedExample()
    {
        AccessLogRecord record = new AccessLogRecord(OWNER, "amzn-s3-demo-bucket1", Instant.parse("2019-02-06T00:00:38Z"), "192.0.2.3",
                Optional.of(OWNER), "3E57427F3EXAMPLE", "REST.GET.VERSIONING", Optional.empty(), "GET /amzn-s3-demo-bucket1?versioning HTTP/1.1", 200,
                Optional.empty(), 113, OptionalLong.empty(), 7, Optional.empty(), Optional.empty(), Optional.of("S3Console/0.4"), Optional.empty(),
                "s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234=", Optional.of("SigV4"),
                Optional.of("ECDHE-RSA-AES128-GCM-SHA256"), Optional.of("AuthHeader"), Optional.of("amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com"),
                Optional.of("TLSV1.2"), Optional.of("arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP"), Optional.of("Yes"));

        assertThat(record.format()).isEqualTo(OWNER + " amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 " + OWNER
                + " 3E57427F3EXAMPLE REST.GET.VERSIONING - \"GET /amzn-s3-demo-bucket1?versioning HTTP/1.1\" 200 - 113 - 7 - \"-\" \"S3Console/0.4\" - "
                + "s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader "
                + "amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com TLSV1.2 arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP Yes");
    }

    @Test
    void recordsSignedObjectRead()
    {
        Exchange exchange = exchange("GET", "/photos/cat%20pics/a%2Bb.jpg", "versionId=v1", Optional.of(Caller.root("123456789012", "AKIAEXAMPLE")),
                Optional.of("GetObject"), 200, Optional.empty(), Headers.builder().set("Content-Length", "5").build(), 0, 5,
                Headers.builder().set("authorization", "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260101/us-east-1/s3/aws4_request")
                        .set("host", "127.0.0.1:8276").set("user-agent", "aws-sdk-java/2 \"quoted\"").build());

        AccessLogRecord record = AccessLogRecord.of(exchange, LoggedRequest.of(exchange).orElseThrow(), OWNER);

        assertThat(record.bucket()).isEqualTo("photos");
        assertThat(record.key()).contains("cat%20pics/a%2Bb.jpg");
        assertThat(record.operation()).isEqualTo("REST.GET.OBJECT");
        assertThat(record.requester()).contains("arn:aws:iam::123456789012:root");
        assertThat(record.objectSize()).hasValue(5);
        assertThat(record.versionId()).contains("v1");
        String line = record.format();
        assertThat(line).startsWith(OWNER + " photos [01/Jan/2026:12:30:00 +0000] 10.0.0.1 arn:aws:iam::123456789012:root req-1 REST.GET.OBJECT "
                + "cat%20pics/a%2Bb.jpg \"GET /photos/cat%20pics/a%2Bb.jpg?versionId=v1 HTTP/1.1\" 200 - 5 5 12 3 \"-\" \"aws-sdk-java/2 \\\"quoted\\\"\" v1 host-1 "
                + "SigV4 - AuthHeader 127.0.0.1:8276 - - -");
        // 26 fields; the bracketed time holds the one unquoted space
        assertThat(line.split(" (?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")).hasSize(27);
    }

    @Test
    void recordsAnonymousDeniedRequestWithVirtualHost()
    {
        Exchange exchange = new Exchange("req-2", "host-2", Instant.parse("2026-01-01T12:30:00Z"), "10.0.0.2", false, "PUT", "/dir/key", "",
                Headers.builder().set("host", "photos.localhost:8276").build(), Optional.of("photos"), Optional.of(Caller.anonymous()), Optional.of("s3"),
                Optional.of("PutObject"), 403, Optional.of("AccessDenied"), Headers.empty(), 0, 243, Duration.ofMillis(2), Duration.ofMillis(3));

        AccessLogRecord record = AccessLogRecord.of(exchange, LoggedRequest.of(exchange).orElseThrow(), OWNER);

        assertThat(record.format()).isEqualTo(OWNER + " photos [01/Jan/2026:12:30:00 +0000] 10.0.0.2 - req-2 REST.PUT.OBJECT dir/key "
                + "\"PUT /dir/key HTTP/1.1\" 403 AccessDenied 243 - 3 2 \"-\" \"-\" - host-2 - - - photos.localhost:8276 - - -");
    }

    @Test
    void namesOperationsAsS3Does()
    {
        assertThat(operation("GET", "/b", "versioning", "GetBucketVersioning")).isEqualTo("REST.GET.VERSIONING");
        assertThat(operation("GET", "/b", "logging", "GetBucketLogging")).isEqualTo("REST.GET.LOGGING_STATUS");
        assertThat(operation("GET", "/b", "list-type=2", "ListObjectsV2")).isEqualTo("REST.GET.BUCKET");
        assertThat(operation("POST", "/b", "delete", "DeleteObjects")).isEqualTo("REST.POST.MULTI_OBJECT_DELETE");
        assertThat(operation("PUT", "/b/k", "partNumber=1&uploadId=u", "UploadPart")).isEqualTo("REST.PUT.PART");
        assertThat(operation("HEAD", "/b/k", "", "HeadObject")).isEqualTo("REST.HEAD.OBJECT");
        assertThat(operation("GET", "/b/k", "acl", "GetObjectAcl")).isEqualTo("REST.GET.ACL");
        // refused before the operation was known
        assertThat(operation("GET", "/b/k", "tagging", null)).isEqualTo("REST.GET.TAGGING");
        assertThat(operation("DELETE", "/b/k", "", null)).isEqualTo("REST.DELETE.OBJECT");
        assertThat(operation("GET", "/b", "", null)).isEqualTo("REST.GET.BUCKET");
    }

    @Test
    void onlyS3RequestsNamingABucketAreLogged()
    {
        assertThat(LoggedRequest.of(exchange("GET", "/", "", Optional.empty(), Optional.of("ListBuckets"), 200, Optional.empty(), Headers.empty(), 0, 0,
                Headers.empty()))).isEmpty();
        Exchange sts = new Exchange("r", "h", Instant.EPOCH, "ip", false, "POST", "/b", "", Headers.empty(), Optional.empty(), Optional.empty(),
                Optional.of("sts"), Optional.empty(), 403, Optional.of("SignatureDoesNotMatch"), Headers.empty(), 0, 0, Duration.ZERO, Duration.ZERO);
        assertThat(LoggedRequest.of(sts)).isEmpty();
        Exchange failedSignature = new Exchange("r", "h", Instant.EPOCH, "ip", false, "GET", "/b/k", "", Headers.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 403, Optional.of("SignatureDoesNotMatch"), Headers.empty(), 0, 0, Duration.ZERO,
                Duration.ZERO);
        assertThat(LoggedRequest.of(failedSignature)).contains(new LoggedRequest("b", Optional.of("k")));
    }

    @Test
    void namesLogObjectsAsS3Does()
    {
        Instant delivery = Instant.parse("2026-03-04T05:06:07Z");
        LocalDate eventDay = LocalDate.parse("2026-03-03");
        assertThat(LogObjectKeys.key(new LoggingTarget("logs", "src/", LoggingTarget.KeyFormat.SIMPLE), "123456789012", "us-east-1", "b", eventDay, delivery))
                .matches("src/2026-03-04-05-06-07-[0-9A-F]{16}");
        assertThat(LogObjectKeys.key(new LoggingTarget("logs", "p/", LoggingTarget.KeyFormat.PARTITIONED_DELIVERY_TIME), "123456789012", "us-east-1", "b",
                eventDay, delivery)).matches("p/123456789012/us-east-1/b/2026/03/04/2026-03-04-05-06-07-[0-9A-F]{16}");
        assertThat(LogObjectKeys.key(new LoggingTarget("logs", "p/", LoggingTarget.KeyFormat.PARTITIONED_EVENT_TIME), "123456789012", "us-east-1", "b",
                eventDay, delivery)).matches("p/123456789012/us-east-1/b/2026/03/03/2026-03-03-00-00-00-[0-9A-F]{16}");
    }

    private static String operation(String method, String path, String query, String operation)
    {
        Exchange exchange = exchange(method, path, query, Optional.empty(), Optional.ofNullable(operation), 200, Optional.empty(), Headers.empty(), 0, 0,
                Headers.empty());
        return LoggedOperations.of(exchange, LoggedRequest.of(exchange).orElseThrow());
    }

    private static Exchange exchange(String method, String path, String query, Optional<Caller> caller, Optional<String> operation, int status,
            Optional<String> errorCode, Headers responseHeaders, long bytesIn, long bytesOut, Headers headers)
    {
        return new Exchange("req-1", "host-1", Instant.parse("2026-01-01T12:30:00Z"), "10.0.0.1", false, method, path, query, headers, Optional.empty(),
                caller, Optional.of("s3"), operation, status, errorCode, responseHeaders, bytesIn, bytesOut, Duration.ofMillis(3), Duration.ofMillis(12));
    }
}
