package dev.tarn.it.iam;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A group whose policy lets its members read one bucket, and a member who can do that and nothing else (SDK). */
class DataScienceGroupTest
{
    static final String READ_DATASETS = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
               "Resource": ["arn:aws:s3:::datasets", "arn:aws:s3:::datasets/*"]}]}""";

    static TestServer server;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void memberReadsTheDatasetAndNothingElse()
    {
        S3Client admin = server.s3();
        admin.createBucket(request -> request.bucket("datasets"));
        admin.createBucket(request -> request.bucket("private"));
        admin.putObject(request -> request.bucket("datasets").key("lab/readings.csv"), RequestBody.fromString("t,v\n1,2\n"));

        IamClient iam = server.iam();
        iam.createGroup(request -> request.groupName("data-science"));
        String policyArn = iam.createPolicy(request -> request.policyName("read-datasets").policyDocument(READ_DATASETS)).policy().arn();
        iam.attachGroupPolicy(request -> request.groupName("data-science").policyArn(policyArn));
        iam.createUser(request -> request.userName("paulo"));
        iam.addUserToGroup(request -> request.groupName("data-science").userName("paulo"));
        AccessKey key = iam.createAccessKey(request -> request.userName("paulo")).accessKey();

        S3Client paulo = server.s3(server.credentials(key.accessKeyId(), key.secretAccessKey()));
        String body = paulo.getObjectAsBytes(request -> request.bucket("datasets").key("lab/readings.csv")).asString(StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("t,v\n1,2\n");
        assertThat(paulo.listObjectsV2(request -> request.bucket("datasets")).contents()).hasSize(1);

        assertDenied(() -> paulo.putObject(request -> request.bucket("datasets").key("x"), RequestBody.fromString("x")),
                "User: arn:aws:iam::" + server.accountId() + ":user/paulo is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::datasets/x because no identity-based policy allows the s3:PutObject action");
        assertDenied(() -> paulo.deleteObject(request -> request.bucket("datasets").key("lab/readings.csv")), "s3:DeleteObject");
        assertDenied(() -> paulo.listBuckets(), "s3:ListAllMyBuckets");
        assertDenied(() -> paulo.createBucket(request -> request.bucket("mine")), "s3:CreateBucket");
        assertDenied(() -> paulo.listObjectsV2(request -> request.bucket("private")), "s3:ListBucket");
        assertDenied(() -> paulo.getObject(request -> request.bucket("private").key("lab/readings.csv")), "s3:GetObject");

        // leaving the group takes the permission away at once
        iam.removeUserFromGroup(request -> request.groupName("data-science").userName("paulo"));
        assertDenied(() -> paulo.getObjectAsBytes(request -> request.bucket("datasets").key("lab/readings.csv")), "s3:GetObject");
    }

    static void assertDenied(Runnable call, String messagePart)
    {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
                });
    }
}
