package dev.tarn.it.s3;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLoggingStatus;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetBucketLoggingResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LoggingEnabled;
import software.amazon.awssdk.services.s3.model.PartitionDateSource;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server access logging through the SDK: configuration, and the records delivered to the target bucket. */
class AccessLoggingTest
{
    /** Delivery is every few seconds; this bounds the wait, it is not what the test measures. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

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
    void configurationIsValidatedAndCanBeTurnedOff()
    {
        String source = bucket("config-src");
        String target = bucket("config-logs");
        assertThat(s3.getBucketLogging(request -> request.bucket(source)).loggingEnabled()).isNull();

        assertThatThrownBy(() -> s3.putBucketLogging(request -> request.bucket(source).bucketLoggingStatus(status -> status
                .loggingEnabled(enabled -> enabled.targetBucket("no-such-bucket-" + UUID.randomUUID()).targetPrefix("x/")))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidTargetBucketForLogging");
                });
        assertThatThrownBy(() -> s3.putBucketLogging(request -> request.bucket("no-such-bucket-" + UUID.randomUUID())
                .bucketLoggingStatus(status -> status.loggingEnabled(enabled -> enabled.targetBucket(target).targetPrefix("x/")))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));

        s3.putBucketLogging(request -> request.bucket(source).bucketLoggingStatus(status -> status.loggingEnabled(enabled -> enabled
                .targetBucket(target).targetPrefix("p/").targetObjectKeyFormat(format -> format
                        .partitionedPrefix(prefix -> prefix.partitionDateSource(PartitionDateSource.DELIVERY_TIME))))));
        LoggingEnabled enabled = s3.getBucketLogging(request -> request.bucket(source)).loggingEnabled();
        assertThat(enabled.targetBucket()).isEqualTo(target);
        assertThat(enabled.targetPrefix()).isEqualTo("p/");
        assertThat(enabled.targetObjectKeyFormat().partitionedPrefix().partitionDateSource()).isEqualTo(PartitionDateSource.DELIVERY_TIME);

        s3.putBucketLogging(request -> request.bucket(source).bucketLoggingStatus(BucketLoggingStatus.builder().build()));
        GetBucketLoggingResponse off = s3.getBucketLogging(request -> request.bucket(source));
        assertThat(off.loggingEnabled()).isNull();
    }

    @Test
    void requestsAreDeliveredAsRecordsInTheTargetBucket()
            throws Exception
    {
        String source = bucket("src");
        String target = bucket("logs");
        s3.putBucketVersioning(request -> request.bucket(target).versioningConfiguration(versioning -> versioning.status(BucketVersioningStatus.ENABLED)));
        s3.putBucketLogging(request -> request.bucket(source).bucketLoggingStatus(status -> status.loggingEnabled(enabled -> enabled
                .targetBucket(target).targetPrefix("access/").targetObjectKeyFormat(format -> format.simplePrefix(simple -> {})))));

        String put = s3.putObject(request -> request.bucket(source).key("dir/a b.txt"), RequestBody.fromString("hello"))
                .responseMetadata().requestId();
        String get = s3.getObjectAsBytes(request -> request.bucket(source).key("dir/a b.txt")).response().responseMetadata().requestId();
        String missing = requestIdOf(() -> s3.getObject(request -> request.bucket(source).key("missing.txt")), 404, "NoSuchKey");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/" + source + "/dir/a%20b.txt"))
                .header("User-Agent", "curl/8.0").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        String denied = anonymous.headers().firstValue("x-amz-request-id").orElseThrow();

        Map<String, List<String>> records = awaitRecords(target, "access/", Set.of(put, get, missing, denied));

        String owner = records.get(put).get(0);
        assertThat(owner).matches("[0-9a-f]{64}");
        assertRecord(records.get(put), owner, source, "arn:aws:iam::" + server.accountId() + ":root", "REST.PUT.OBJECT", "dir/a%20b.txt", "200", "-");
        assertThat(records.get(put).get(12)).isEqualTo("5"); // object size
        assertThat(records.get(put).get(19)).isEqualTo("SigV4");
        assertThat(records.get(put).get(21)).isEqualTo("AuthHeader");
        assertRecord(records.get(get), owner, source, "arn:aws:iam::" + server.accountId() + ":root", "REST.GET.OBJECT", "dir/a%20b.txt", "200", "-");
        assertThat(records.get(get).get(11)).isEqualTo("5"); // bytes sent
        assertThat(records.get(get).get(8)).startsWith("\"GET /" + source + "/dir/a%20b.txt");
        assertRecord(records.get(missing), owner, source, "arn:aws:iam::" + server.accountId() + ":root", "REST.GET.OBJECT", "missing.txt", "404",
                "NoSuchKey");
        assertRecord(records.get(denied), owner, source, "-", "REST.GET.OBJECT", "dir/a%20b.txt", "403", "AccessDenied");
        assertThat(records.get(denied).get(16)).isEqualTo("\"curl/8.0\"");
        assertThat(records.get(denied).get(19)).isEqualTo("-"); // not signed
        assertThat(records.get(denied).get(21)).isEqualTo("-");

        // log objects are objects like any other: named as S3 names them, encrypted, versioned
        S3Object logObject = s3.listObjectsV2(request -> request.bucket(target).prefix("access/")).contents().get(0);
        assertThat(logObject.key()).matches("access/\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9A-F]{16}");
        HeadObjectResponse head = s3.headObject(request -> request.bucket(target).key(logObject.key()));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(head.versionId()).isNotNull().isNotEqualTo("null");
    }

    @Test
    void partitionedPrefixNamesObjectsByAccountRegionBucketAndDay()
            throws Exception
    {
        String source = bucket("part-src");
        String target = bucket("part-logs");
        s3.putBucketLogging(request -> request.bucket(source).bucketLoggingStatus(status -> status.loggingEnabled(enabled -> enabled
                .targetBucket(target).targetPrefix("logs/").targetObjectKeyFormat(format -> format
                        .partitionedPrefix(prefix -> prefix.partitionDateSource(PartitionDateSource.EVENT_TIME))))));
        String list = s3.listObjectsV2(request -> request.bucket(source)).responseMetadata().requestId();

        Map<String, List<String>> records = awaitRecords(target, "logs/", Set.of(list));

        assertThat(records.get(list).get(6)).isEqualTo("REST.GET.BUCKET");
        assertThat(records.get(list).get(7)).isEqualTo("-");
        String key = s3.listObjectsV2(request -> request.bucket(target)).contents().get(0).key();
        assertThat(key).matches("logs/" + server.accountId() + "/" + TestServer.REGION.id() + "/" + source
                + "/\\d{4}/\\d{2}/\\d{2}/\\d{4}-\\d{2}-\\d{2}-00-00-00-[0-9A-F]{16}");
    }

    private static void assertRecord(List<String> fields, String owner, String bucket, String requester, String operation, String key, String status,
            String errorCode)
    {
        assertThat(fields).hasSize(26);
        assertThat(fields.get(0)).isEqualTo(owner);
        assertThat(fields.get(1)).isEqualTo(bucket);
        assertThat(fields.get(2)).matches("\\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000]");
        assertThat(fields.get(3)).isEqualTo("127.0.0.1");
        assertThat(fields.get(4)).isEqualTo(requester);
        assertThat(fields.get(6)).isEqualTo(operation);
        assertThat(fields.get(7)).isEqualTo(key);
        assertThat(fields.get(9)).isEqualTo(status);
        assertThat(fields.get(10)).isEqualTo(errorCode);
        assertThat(fields.get(22)).startsWith("127.0.0.1:");
    }

    /**
     * Reads every log object under {@code prefix} until records for all the request ids are
     * there, answering each record's fields by request id.
     */
    private static Map<String, List<String>> awaitRecords(String bucket, String prefix, Set<String> requestIds)
            throws InterruptedException
    {
        Instant deadline = Instant.now().plus(DELIVERY_TIMEOUT);
        Map<String, List<String>> records = new HashMap<>();
        while (true) {
            records.clear();
            for (S3Object object : s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix)).contents()) {
                String content = s3.getObjectAsBytes(request -> request.bucket(bucket).key(object.key())).asString(StandardCharsets.UTF_8);
                for (String line : content.split("\n")) {
                    List<String> fields = fields(line);
                    records.put(fields.get(5), fields);
                }
            }
            if (records.keySet().containsAll(requestIds) || Instant.now().isAfter(deadline)) {
                assertThat(records).containsKeys(requestIds.toArray(String[]::new));
                return records;
            }
            Thread.sleep(250);
        }
    }

    /** Splits a record into its fields: space separated, with [bracketed] and "quoted" (backslash-escaped) fields kept whole. */
    static List<String> fields(String line)
    {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char first = line.charAt(i);
            int end;
            if (first == '[') {
                end = line.indexOf(']', i) + 1;
            }
            else if (first == '"') {
                end = i + 1;
                while (line.charAt(end) != '"') {
                    end += line.charAt(end) == '\\' ? 2 : 1;
                }
                end++;
            }
            else {
                end = line.indexOf(' ', i);
                end = end < 0 ? line.length() : end;
            }
            fields.add(line.substring(i, end));
            i = end + 1;
        }
        return fields;
    }

    private static String requestIdOf(Runnable call, int status, String code)
    {
        try {
            call.run();
        }
        catch (S3Exception e) {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            return e.requestId();
        }
        throw new AssertionError("expected " + code);
    }

    private static String bucket(String name)
    {
        String bucket = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(request -> request.bucket(bucket));
        return bucket;
    }
}
