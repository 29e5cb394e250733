package dev.tarn.it.s3;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SSE-S3 and SSE-C through the SDK, and what is on disk afterwards. (SSE-KMS needs the KMS service in the server.) */
class EncryptionTest
{
    private static final String SECRET = "a secret sentence that must never reach the disk in clear: " + UUID.randomUUID();

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
    void sseCRoundTripAndWrongKey()
            throws Exception
    {
        String bucket = bucket();
        byte[] key = randomKey();
        var put = s3.putObject(request -> customerKey(request.bucket(bucket).key("c"), key), RequestBody.fromString(SECRET));
        assertThat(put.sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(put.sseCustomerKeyMD5()).isEqualTo(md5(key));

        var get = s3.getObjectAsBytes(request -> request.bucket(bucket).key("c").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(Base64.getEncoder().encodeToString(key)).sseCustomerKeyMD5(md5(key)));
        assertThat(get.asUtf8String()).isEqualTo(SECRET);
        assertThat(get.response().sseCustomerKeyMD5()).isEqualTo(md5(key));

        byte[] wrong = randomKey();
        assertThatThrownBy(() -> s3.getObjectAsBytes(request -> request.bucket(bucket).key("c").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(Base64.getEncoder().encodeToString(wrong)).sseCustomerKeyMD5(md5(wrong))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> s3.getObjectAsBytes(request -> request.bucket(bucket).key("c")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                });
        var head = s3.headObject(request -> request.bucket(bucket).key("c").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(Base64.getEncoder().encodeToString(key)).sseCustomerKeyMD5(md5(key)));
        assertThat(head.contentLength()).isEqualTo(SECRET.length());
    }

    @Test
    void noPlaintextOnDisk()
            throws Exception
    {
        String bucket = bucket();
        s3.putObject(request -> request.bucket(bucket).key("s3"), RequestBody.fromString(SECRET));
        byte[] key = randomKey();
        s3.putObject(request -> customerKey(request.bucket(bucket).key("c"), key), RequestBody.fromString(SECRET));
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("s3")).asUtf8String()).isEqualTo(SECRET);
        assertThat(s3.headObject(request -> request.bucket(bucket).key("s3")).serverSideEncryptionAsString()).isEqualTo("AES256");

        byte[] needle = SECRET.substring(0, 24).getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(server.dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(contains(Files.readAllBytes(file), needle)).as(file.toString()).isFalse();
            }
        }
    }

    private static software.amazon.awssdk.services.s3.model.PutObjectRequest.Builder customerKey(
            software.amazon.awssdk.services.s3.model.PutObjectRequest.Builder request, byte[] key)
    {
        return request.sseCustomerAlgorithm("AES256").sseCustomerKey(Base64.getEncoder().encodeToString(key)).sseCustomerKeyMD5(md5(key));
    }

    private static String bucket()
    {
        String name = "sse-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(request -> request.bucket(name));
        return name;
    }

    private static boolean contains(byte[] haystack, byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] randomKey()
    {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String md5(byte[] bytes)
    {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
