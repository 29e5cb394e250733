package dev.tarn.it.iam;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tarn.it.iam.StsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Access keys: work at once, at most two, Inactive and deleted keys refused, last use recorded; all of it survives a restart. */
class AccessKeysTest
{
    @Test
    void keysLifecycleAndRestart()
            throws Exception
    {
        Path dataDir = Files.createTempDirectory("tarn-keys-");
        TestServer server = TestServer.start(dataDir);
        try {
            IamClient iam = server.iam();
            server.s3().createBucket(request -> request.bucket("datasets"));
            server.s3().putObject(request -> request.bucket("datasets").key("a"), RequestBody.fromString("a"));
            iam.createUser(request -> request.userName("paulo"));
            iam.putUserPolicy(request -> request.userName("paulo").policyName("read").policyDocument(DataScienceGroupTest.READ_DATASETS));
            AccessKey first = iam.createAccessKey(request -> request.userName("paulo")).accessKey();
            AccessKey second = iam.createAccessKey(request -> request.userName("paulo")).accessKey();
            assertThat(first.status()).isEqualTo(StatusType.ACTIVE);
            assertError(() -> iam.createAccessKey(request -> request.userName("paulo")), 409, "LimitExceeded", "AccessKeysPerUser: 2");
            assertThat(iam.listAccessKeys(request -> request.userName("paulo")).accessKeyMetadata()).hasSize(2);

            assertThat(iam.getAccessKeyLastUsed(request -> request.accessKeyId(first.accessKeyId())).accessKeyLastUsed().serviceName()).isEqualTo("N/A");
            S3Client paulo = server.s3(server.credentials(first.accessKeyId(), first.secretAccessKey()));
            assertThat(paulo.getObjectAsBytes(request -> request.bucket("datasets").key("a")).asUtf8String()).isEqualTo("a");
            AccessKeyLastUsed used = iam.getAccessKeyLastUsed(request -> request.accessKeyId(first.accessKeyId())).accessKeyLastUsed();
            assertThat(used.serviceName()).isEqualTo("s3");
            assertThat(used.region()).isEqualTo("us-east-1");
            assertThat(used.lastUsedDate()).isNotNull();

            iam.updateAccessKey(request -> request.userName("paulo").accessKeyId(first.accessKeyId()).status(StatusType.INACTIVE));
            assertError(() -> paulo.getObjectAsBytes(request -> request.bucket("datasets").key("a")), 403, "InvalidAccessKeyId", "");
            iam.updateAccessKey(request -> request.userName("paulo").accessKeyId(first.accessKeyId()).status(StatusType.ACTIVE));
            assertThat(paulo.getObjectAsBytes(request -> request.bucket("datasets").key("a")).asUtf8String()).isEqualTo("a");

            iam.deleteAccessKey(request -> request.userName("paulo").accessKeyId(second.accessKeyId()));
            S3Client deleted = server.s3(server.credentials(second.accessKeyId(), second.secretAccessKey()));
            assertError(() -> deleted.listObjectsV2(request -> request.bucket("datasets")), 403, "InvalidAccessKeyId", "");
            assertError(() -> iam.deleteAccessKey(request -> request.userName("paulo").accessKeyId(second.accessKeyId())), 404, "NoSuchEntity", "");
            assertError(() -> iam.deleteUser(request -> request.userName("paulo")), 409, "DeleteConflict", "access keys");

            Credentials session = server.sts(server.credentials(first.accessKeyId(), first.secretAccessKey())).getSessionToken().credentials();

            server.restart();

            S3Client afterRestart = server.s3(server.credentials(first.accessKeyId(), first.secretAccessKey()));
            assertThat(afterRestart.getObjectAsBytes(request -> request.bucket("datasets").key("a")).asUtf8String()).isEqualTo("a");
            assertError(() -> afterRestart.deleteObject(request -> request.bucket("datasets").key("a")), 403, "AccessDenied", "s3:DeleteObject");
            S3Client sessionAfterRestart = server.s3(StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())));
            assertThat(sessionAfterRestart.getObjectAsBytes(request -> request.bucket("datasets").key("a")).asUtf8String()).isEqualTo("a");
            assertThat(server.iam().getUserPolicy(request -> request.userName("paulo").policyName("read")).policyName()).isEqualTo("read");
            assertThat(server.iam().getAccessKeyLastUsed(request -> request.accessKeyId(first.accessKeyId())).accessKeyLastUsed().serviceName()).isEqualTo("s3");
        }
        finally {
            server.close();
            TestServer.deleteRecursively(dataDir);
        }
    }
}
