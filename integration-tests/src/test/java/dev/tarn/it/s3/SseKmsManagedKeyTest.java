package dev.tarn.it.s3;

import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SSE-KMS without a key id through the real server: the account's AWS managed key alias/aws/s3, created on first use. */
class SseKmsManagedKeyTest
{
    private static final String MANAGED_ALIAS = "alias/aws/s3";

    @TempDir
    static Path workDir;

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
    void putWithoutAKeyIdUsesTheAwsManagedKey()
    {
        s3.createBucket(request -> request.bucket("managed-key"));
        var put = s3.putObject(request -> request.bucket("managed-key").key("orders.csv").serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromString("id,total\n1,20\n"));

        KeyMetadata key = kms.describeKey(request -> request.keyId(MANAGED_ALIAS)).keyMetadata();
        assertThat(key.keyManager()).isEqualTo(KeyManagerType.AWS);
        assertThat(key.description()).isEqualTo("Default key that protects my S3 objects when no other key is defined");
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(put.ssekmsKeyId()).isEqualTo(key.arn());

        var read = s3.getObjectAsBytes(request -> request.bucket("managed-key").key("orders.csv"));
        assertThat(read.asUtf8String()).isEqualTo("id,total\n1,20\n");
        assertThat(read.response().ssekmsKeyId()).isEqualTo(key.arn());

        assertThat(kms.listAliases().aliases()).filteredOn(alias -> alias.aliasName().equals(MANAGED_ALIAS))
                .extracting(AliasListEntry::targetKeyId).containsExactly(key.keyId());
        assertThat(kms.listKeys().keys()).anyMatch(entry -> entry.keyArn().equals(key.arn()));
        assertThat(kms.getKeyRotationStatus(request -> request.keyId(key.keyId())).keyRotationEnabled()).isTrue();

        // outside S3 the key policy allows no use and no management, even to the account's root user
        assertThatThrownBy(() -> kms.encrypt(request -> request.keyId(MANAGED_ALIAS).plaintext(SdkBytes.fromUtf8String("x"))))
                .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        assertThatThrownBy(() -> kms.disableKey(request -> request.keyId(key.keyId())))
                .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        assertThatThrownBy(() -> kms.deleteAlias(request -> request.aliasName(MANAGED_ALIAS)))
                .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }

    @Test
    void bucketDefaultOfAwsKmsWithoutAKeyIdUsesTheAwsManagedKey()
    {
        s3.createBucket(request -> request.bucket("managed-default"));
        s3.putBucketEncryption(request -> request.bucket("managed-default").serverSideEncryptionConfiguration(configuration -> configuration
                .rules(rule -> rule.applyServerSideEncryptionByDefault(sse -> sse.sseAlgorithm(ServerSideEncryption.AWS_KMS)))));

        var put = s3.putObject(request -> request.bucket("managed-default").key("plain-put"), RequestBody.fromString("default"));
        String managedArn = kms.describeKey(request -> request.keyId(MANAGED_ALIAS)).keyMetadata().arn();
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(put.ssekmsKeyId()).isEqualTo(managedArn);
        assertThat(s3.getObjectAsBytes(request -> request.bucket("managed-default").key("plain-put")).asUtf8String()).isEqualTo("default");
    }

    @Test
    void cliCopyWithSseAwsKms()
            throws IOException
    {
        s3.createBucket(request -> request.bucket("managed-cli"));
        Path file = Files.writeString(workDir.resolve("lab.csv"), "sample,value\na,1\n", StandardCharsets.UTF_8);
        AwsCli aws = AwsCli.forDataDir(server.dataDir(), workDir);
        aws.ok("s3", "cp", file.toString(), "s3://managed-cli/lab.csv", "--sse", "aws:kms");

        var read = s3.getObjectAsBytes(request -> request.bucket("managed-cli").key("lab.csv"));
        assertThat(read.asUtf8String()).isEqualTo("sample,value\na,1\n");
        assertThat(read.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(read.response().ssekmsKeyId()).isEqualTo(kms.describeKey(request -> request.keyId(MANAGED_ALIAS)).keyMetadata().arn());
    }
}
