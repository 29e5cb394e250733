package dev.tarn.it.s3;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SSE-KMS through the real server: KMS data keys, bucket default encryption, and a disabled key. */
class SseKmsTest
{
    private static final String SECRET = "kms protected line that must not reach the disk in clear " + UUID.randomUUID();

    private static TestServer server;
    private static S3Client s3;
    private static KmsClient kms;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        s3 = server.s3();
        kms = server.kms();
    }

    @AfterAll
    static void stop()
    {
        kms.close();
        s3.close();
        server.close();
    }

    @Test
    void objectsUnderACustomerKeyReadBackUntilTheKeyIsDisabled()
            throws IOException
    {
        String keyArn = kms.createKey(request -> request.description("lake key")).keyMetadata().arn();
        s3.createBucket(request -> request.bucket("kms-lake"));

        var put = s3.putObject(request -> request.bucket("kms-lake").key("lab1.csv")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyArn), RequestBody.fromString(SECRET));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(put.ssekmsKeyId()).isEqualTo(keyArn);

        var read = s3.getObjectAsBytes(request -> request.bucket("kms-lake").key("lab1.csv"));
        assertThat(read.asUtf8String()).isEqualTo(SECRET);
        assertThat(read.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(rawFilesContain(SECRET)).isFalse();

        kms.disableKey(request -> request.keyId(keyArn));
        assertThatThrownBy(() -> s3.getObjectAsBytes(request -> request.bucket("kms-lake").key("lab1.csv")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).contains("Disabled"));

        kms.enableKey(request -> request.keyId(keyArn));
        assertThat(s3.getObjectAsBytes(request -> request.bucket("kms-lake").key("lab1.csv")).asUtf8String()).isEqualTo(SECRET);
    }

    @Test
    void bucketDefaultEncryptionAppliesTheKeyToPlainPuts()
    {
        String keyId = kms.createKey(request -> request.description("default key")).keyMetadata().keyId();
        kms.createAlias(request -> request.aliasName("alias/lake-default").targetKeyId(keyId));
        s3.createBucket(request -> request.bucket("kms-default"));
        s3.putBucketEncryption(request -> request.bucket("kms-default").serverSideEncryptionConfiguration(configuration -> configuration
                .rules(rule -> rule.applyServerSideEncryptionByDefault(sse -> sse.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID("alias/lake-default")))));

        var put = s3.putObject(request -> request.bucket("kms-default").key("plain-put"), RequestBody.fromString("x"));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(put.ssekmsKeyId()).endsWith(keyId);
        assertThat(s3.headObject(request -> request.bucket("kms-default").key("plain-put")).serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    }

    private static boolean rawFilesContain(String text)
            throws IOException
    {
        byte[] needle = text.substring(0, 24).getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(server.dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (indexOf(bytes, needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle)
    {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
