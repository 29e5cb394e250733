package dev.tarn.it.kms;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SSE-KMS objects follow their key's state: unreadable while it is disabled or pending deletion, readable again once enabled. */
class SseKmsKeyStatesTest
{
    private static TestServer server;
    private static S3Client s3;
    private static KmsClient kms;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        s3 = server.s3();
        kms = server.kms();
        s3.createBucket(request -> request.bucket("kms-states"));
    }

    @AfterAll
    static void stop()
    {
        kms.close();
        s3.close();
        server.close();
    }

    private static void assertUnreadable(String key, String code)
    {
        assertThatThrownBy(() -> s3.getObjectAsBytes(request -> request.bucket("kms-states").key(key))).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    @Test
    void aKeyPendingDeletionLocksItsObjectsUntilCancelledAndEnabled()
    {
        String keyArn = kms.createKey(request -> request.description("states")).keyMetadata().arn();
        s3.putObject(request -> request.bucket("kms-states").key("ledger.csv").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyArn),
                RequestBody.fromString("ledger"));

        kms.disableKey(request -> request.keyId(keyArn));
        assertUnreadable("ledger.csv", "KMS.DisabledException");
        kms.enableKey(request -> request.keyId(keyArn));
        assertThat(s3.getObjectAsBytes(request -> request.bucket("kms-states").key("ledger.csv")).asUtf8String()).isEqualTo("ledger");

        kms.scheduleKeyDeletion(request -> request.keyId(keyArn).pendingWindowInDays(7));
        assertUnreadable("ledger.csv", "KMS.KMSInvalidStateException");
        // nor can new objects be written under it
        assertThatThrownBy(() -> s3.putObject(request -> request.bucket("kms-states").key("new.csv").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(keyArn), RequestBody.fromString("x"))).isInstanceOf(S3Exception.class);

        kms.cancelKeyDeletion(request -> request.keyId(keyArn));
        // cancelling leaves the key disabled, as on AWS
        assertUnreadable("ledger.csv", "KMS.DisabledException");
        kms.enableKey(request -> request.keyId(keyArn));
        assertThat(s3.getObjectAsBytes(request -> request.bucket("kms-states").key("ledger.csv")).asUtf8String()).isEqualTo("ledger");
    }

    @Test
    void anAsymmetricKeyCannotProtectObjects()
    {
        String keyArn = kms.createKey(request -> request.keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)).keyMetadata().arn();
        assertThatThrownBy(() -> s3.putObject(request -> request.bucket("kms-states").key("rsa.csv").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(keyArn), RequestBody.fromString("x"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMS.InvalidKeyUsageException");
                });
        assertThatThrownBy(() -> s3.headObject(request -> request.bucket("kms-states").key("rsa.csv"))).isInstanceOf(S3Exception.class);
    }
}
