package dev.tarn.it.s3;

import dev.tarn.it.RawS3Request;
import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The asynchronous SDK client against the same server, and what Tarn answers to requests it
 * cannot serve: unknown operations, malformed documents, unsigned requests.
 */
class ClientsAndBadInputTest
{
    private static TestServer server;
    private static S3Client s3;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        s3 = server.s3();
        s3.createBucket(request -> request.bucket("clients"));
    }

    @AfterAll
    static void stop()
    {
        s3.close();
        server.close();
    }

    @Test
    void asyncClientWritesAndReadsTheSameBytes()
    {
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new Random(11).nextBytes(body);
        try (S3AsyncClient async = server.s3Async()) {
            async.putObject(request -> request.bucket("clients").key("async/blob.bin"), AsyncRequestBody.fromBytes(body)).join();
            byte[] read = async.getObject(request -> request.bucket("clients").key("async/blob.bin"), AsyncResponseTransformer.toBytes()).join().asByteArray();
            assertThat(read).isEqualTo(body);

            assertThatThrownBy(() -> async.headObject(request -> request.bucket("clients").key("async/missing")).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        }
        // and what the async client wrote, the sync client reads
        assertThat(s3.getObjectAsBytes(request -> request.bucket("clients").key("async/blob.bin")).asByteArray()).isEqualTo(body);
    }

    @Test
    void anUnknownOperationIsNotImplementedAndChangesNothing()
    {
        assertThatThrownBy(() -> s3.getBucketWebsite(request -> request.bucket("clients")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        // the server is still serving
        s3.putObject(request -> request.bucket("clients").key("after-unknown"), RequestBody.fromString("still here"));
        assertThat(s3.getObjectAsBytes(request -> request.bucket("clients").key("after-unknown")).asUtf8String()).isEqualTo("still here");
    }

    @Test
    void malformedXmlIsMalformedXmlAndStoresNothing()
    {
        byte[] broken = "<Tagging><TagSet><Tag><Key>team</Key><Value>lake".getBytes(StandardCharsets.UTF_8);
        RawS3Request.Response response = RawS3Request.send(server, "PUT", "/clients?tagging", broken, broken.length);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MalformedXML</Code>");
        assertThatThrownBy(() -> s3.getBucketTagging(request -> request.bucket("clients")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchTagSet"));
    }

    @Test
    void aTruncatedBodyIsIncompleteBodyAndStoresNothing()
    {
        byte[] body = new byte[256 * 1024];
        new Random(5).nextBytes(body);
        RawS3Request.Response response = RawS3Request.send(server, "PUT", "/clients/truncated.bin", body, 100_000);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>IncompleteBody</Code>");
        assertThatThrownBy(() -> s3.headObject(request -> request.bucket("clients").key("truncated.bin")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void aBodyThatDoesNotMatchItsSignedDigestIsRefusedAndStoresNothing()
    {
        byte[] body = "the signed bytes".getBytes(StandardCharsets.UTF_8);
        // Signed for these bytes, but the server receives the same length of other bytes.
        RawS3Request.Response response = RawS3Request.sendAltered(server, "PUT", "/clients/altered.txt", body, "THE SIGNED BYTES".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>XAmzContentSHA256Mismatch</Code>");
        assertThatThrownBy(() -> s3.headObject(request -> request.bucket("clients").key("altered.txt")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void unsignedRequestsAreDeniedWithAnS3ErrorDocument()
            throws Exception
    {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(server.endpoint() + "/clients/after-unknown");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>AccessDenied</Code>");
        assertThat(response.headers().firstValue("x-amz-request-id")).isPresent();
    }
}
