package dev.tarn.it.cloudformation;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The lab's CloudFormation journey and {@code aws cloudformation deploy}, with the real aws CLI (skipped without it). */
class CloudFormationCliTest
{
    private static TestServer server;

    @TempDir
    Path workDir;

    @BeforeAll
    static void start()
    {
        assumeTrue(Cli.available(), "the aws CLI is not installed");
        server = TestServer.start();
    }

    @AfterAll
    static void stop()
    {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void labJourneyCreatesTheLockedDownEncryptedVersionedBucketAndDeletesIt()
            throws IOException
    {
        Files.copy(Stacks.samples().resolve("create_bucket.yml"), workDir.resolve("create_bucket.yml"));
        Cli aws = new Cli(server.dataDir(), workDir);

        assertThat(aws.ok("cloudformation", "validate-template", "--template-body", "file://create_bucket.yml"))
                .contains("\"Description\": \"TEST for S3 infrastructure\"");
        assumeTrue(bucketSecurityAvailable(), "S3 public access blocks and default encryption are not in this build yet");

        String created = aws.ok("cloudformation", "create-stack", "--stack-name", "ade-my-bucket", "--template-body", "file://create_bucket.yml");
        assertThat(created).contains("arn:aws:cloudformation:us-east-1:" + server.accountId() + ":stack/ade-my-bucket/");
        String uuidPrefix = created.substring(created.indexOf("stack/ade-my-bucket/") + "stack/ade-my-bucket/".length()).substring(0, 8);
        aws.ok("cloudformation", "wait", "stack-create-complete", "--stack-name", "ade-my-bucket");
        assertThat(aws.ok("cloudformation", "describe-stacks", "--stack-name", "ade-my-bucket", "--query", "Stacks[0].StackStatus", "--output", "text"))
                .isEqualTo("CREATE_COMPLETE\n");

        String bucket = "ade-my-bucket-" + uuidPrefix;
        assertThat(aws.ok("s3api", "list-buckets", "--query", "Buckets[].Name", "--output", "text")).contains(bucket);
        assertThat(aws.ok("s3api", "get-public-access-block", "--bucket", bucket)).contains("\"BlockPublicAcls\": true")
                .contains("\"RestrictPublicBuckets\": true");
        assertThat(aws.ok("s3api", "get-bucket-versioning", "--bucket", bucket)).contains("\"Status\": \"Enabled\"");
        String keyArn = aws.ok("cloudformation", "describe-stack-resource", "--stack-name", "ade-my-bucket", "--logical-resource-id", "BucketKey",
                "--query", "StackResourceDetail.PhysicalResourceId", "--output", "text").strip();
        assertThat(aws.ok("s3api", "get-bucket-encryption", "--bucket", bucket)).contains("aws:kms").contains(keyArn);

        aws.ok("cloudformation", "delete-stack", "--stack-name", "ade-my-bucket");
        aws.ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", "ade-my-bucket");
        assertThat(aws.ok("s3api", "list-buckets", "--query", "Buckets[].Name", "--output", "text")).doesNotContain(bucket);
    }

    @Test
    void deployCreatesUpdatesAndReportsNothingToDeploy()
            throws IOException
    {
        Files.copy(Stacks.samples().resolve("versioned_bucket.yml"), workDir.resolve("t.yml"));
        Cli aws = new Cli(server.dataDir(), workDir);

        assertThat(aws.ok("cloudformation", "deploy", "--template-file", "t.yml", "--stack-name", "s")).contains("Successfully created/updated stack - s");
        aws.ok("cloudformation", "wait", "stack-create-complete", "--stack-name", "s");
        assertThat(aws.ok("s3api", "get-bucket-versioning", "--bucket", "s-data")).contains("Suspended");

        assertThat(aws.ok("cloudformation", "deploy", "--template-file", "t.yml", "--stack-name", "s", "--parameter-overrides", "Environment=prod"))
                .contains("Successfully created/updated stack - s");
        aws.ok("cloudformation", "wait", "stack-update-complete", "--stack-name", "s");
        assertThat(aws.ok("s3api", "get-bucket-versioning", "--bucket", "s-data")).contains("Enabled");

        Cli.Result unchanged = aws.run("cloudformation", "deploy", "--template-file", "t.yml", "--stack-name", "s", "--parameter-overrides",
                "Environment=prod", "--no-fail-on-empty-changeset");
        assertThat(unchanged.exitCode()).isZero();
        assertThat(unchanged.stdout() + unchanged.stderr()).contains("No changes to deploy");

        assertThat(aws.ok("cloudformation", "list-stack-resources", "--stack-name", "s")).contains("\"PhysicalResourceId\": \"s-data\"");
        assertThat(aws.ok("cloudformation", "describe-stack-events", "--stack-name", "s")).contains("UPDATE_COMPLETE");
        aws.ok("cloudformation", "delete-stack", "--stack-name", "s");
        aws.ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", "s");
    }

    @Test
    void deployWithAServiceRole()
            throws IOException
    {
        Files.copy(Stacks.samples().resolve("versioned_bucket.yml"), workDir.resolve("t.yml"));
        Cli aws = new Cli(server.dataDir(), workDir);
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudformation.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}";
        String role = aws.ok("iam", "create-role", "--role-name", "deploy-role", "--assume-role-policy-document", trust, "--query", "Role.Arn",
                "--output", "text").strip();
        aws.ok("iam", "put-role-policy", "--role-name", "deploy-role", "--policy-name", "s3", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");

        assertThat(aws.ok("cloudformation", "deploy", "--template-file", "t.yml", "--stack-name", "r", "--role-arn", role))
                .contains("Successfully created/updated stack - r");
        assertThat(aws.ok("cloudformation", "describe-stacks", "--stack-name", "r", "--query", "Stacks[0].RoleARN", "--output", "text").strip())
                .isEqualTo(role);
        assertThat(aws.ok("s3api", "get-bucket-versioning", "--bucket", "r-data")).contains("Suspended");

        // a role that may not create buckets: the deploy fails, the events say why, and the stack rolled back
        aws.ok("iam", "create-role", "--role-name", "weak-role", "--assume-role-policy-document", trust);
        Cli.Result failed = aws.run("cloudformation", "deploy", "--template-file", "t.yml", "--stack-name", "w", "--role-arn",
                role.replace("deploy-role", "weak-role"));
        assertThat(failed.exitCode()).isNotZero();
        assertThat(aws.ok("cloudformation", "describe-stack-events", "--stack-name", "w")).contains("AccessDenied")
                .contains("assumed-role/weak-role/AWSCloudFormation");
        assertThat(aws.ok("cloudformation", "describe-stacks", "--stack-name", "w", "--query", "Stacks[0].StackStatus", "--output", "text"))
                .isEqualTo("ROLLBACK_COMPLETE\n");

        aws.ok("cloudformation", "delete-stack", "--stack-name", "r");
        aws.ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", "r");
        assertThat(aws.ok("s3api", "list-buckets", "--query", "Buckets[].Name", "--output", "text")).doesNotContain("r-data");
    }

    /** Whether this build's S3 has PutPublicAccessBlock (it comes with the S3 security work). */
    private static boolean bucketSecurityAvailable()
    {
        try (S3Client s3 = server.s3()) {
            s3.createBucket(request -> request.bucket("probe-public-access-block"));
            try {
                s3.getPublicAccessBlock(request -> request.bucket("probe-public-access-block"));
                return true;
            }
            catch (S3Exception e) {
                return e.statusCode() != 501;
            }
            finally {
                s3.deleteBucket(request -> request.bucket("probe-public-access-block"));
            }
        }
    }
}
