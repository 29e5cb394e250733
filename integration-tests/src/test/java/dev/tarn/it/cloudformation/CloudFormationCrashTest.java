package dev.tarn.it.cloudformation;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stack whose server is killed (SIGKILL) in the middle of creating it ends CREATE_FAILED after the restart, never in limbo. */
class CloudFormationCrashTest
{
    private static final String TEMPLATE = """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Handle:
                Type: AWS::CloudFormation::WaitConditionHandle
              Wait:
                Type: AWS::CloudFormation::WaitCondition
                DependsOn: Bucket
                Properties:
                  Handle: !Ref Handle
                  Timeout: "3600"
            """;

    @TempDir
    Path dataDir;

    @Test
    void anInterruptedCreateEndsFailedAndCanBeDeleted()
            throws Exception
    {
        Process tarn = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.tarn.server.TarnMain", "server", "--data-dir", dataDir.toString(), "--port", "0")
                .redirectOutput(dataDir.resolve("server.log").toFile())
                .redirectErrorStream(true)
                .start();
        String stackId;
        String bucket;
        try {
            Map<String, String> config = awaitClientFiles(tarn);
            try (CloudFormationClient cloudFormation = CloudFormationClient.builder()
                    .endpointOverride(URI.create(config.get("endpoint_url")))
                    .region(TestServer.REGION)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(config.get("aws_access_key_id"),
                            config.get("aws_secret_access_key"))))
                    .build()) {
                stackId = cloudFormation.createStack(request -> request.stackName("interrupted").templateBody(TEMPLATE)).stackId();
                Map<String, StackResource> resources = awaitWaiting(cloudFormation, stackId);
                bucket = resources.get("Bucket").physicalResourceId();
            }
        }
        finally {
            tarn.destroyForcibly();
            tarn.waitFor();
        }

        try (TestServer restarted = TestServer.start(dataDir); CloudFormationClient cloudFormation = restarted.cloudFormation()) {
            Stack stack = cloudFormation.describeStacks(request -> request.stackName(stackId)).stacks().get(0);
            assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_FAILED);
            assertThat(stack.stackStatusReason()).contains("interrupted");
            StackResource wait = cloudFormation.describeStackResources(request -> request.stackName(stackId).logicalResourceId("Wait")).stackResources().get(0);
            assertThat(wait.resourceStatus()).isEqualTo(ResourceStatus.CREATE_FAILED);
            restarted.s3().headBucket(request -> request.bucket(bucket));

            cloudFormation.deleteStack(request -> request.stackName("interrupted"));
            assertThat(Stacks.settled(cloudFormation, stackId).stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
            assertThatThrownBy(() -> restarted.s3().headBucket(request -> request.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
        }
    }

    /** Polls until the bucket exists and the wait condition is being waited for. */
    private static Map<String, StackResource> awaitWaiting(CloudFormationClient cloudFormation, String stackId)
            throws InterruptedException
    {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            List<StackResource> resources = cloudFormation.describeStackResources(request -> request.stackName(stackId)).stackResources();
            Map<String, StackResource> byName = resources.stream().collect(Collectors.toMap(StackResource::logicalResourceId, resource -> resource));
            if (byName.containsKey("Wait") && byName.get("Wait").resourceStatus() == ResourceStatus.CREATE_IN_PROGRESS) {
                assertThat(byName.get("Bucket").resourceStatus()).isEqualTo(ResourceStatus.CREATE_COMPLETE);
                return byName;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the wait condition never started: " + resources);
            }
            Thread.sleep(100);
        }
    }

    /** The endpoint and keys from DATA_DIR/config and DATA_DIR/credentials, once the server has written them. */
    private Map<String, String> awaitClientFiles(Process tarn)
            throws IOException, InterruptedException
    {
        Path config = dataDir.resolve("config");
        Path credentials = dataDir.resolve("credentials");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(config) || !Files.readString(config).contains("endpoint_url")) {
            if (!tarn.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("Tarn did not start: " + Files.readString(dataDir.resolve("server.log")));
            }
            Thread.sleep(100);
        }
        Map<String, String> values = new java.util.HashMap<>();
        Matcher matcher = Pattern.compile("(?m)^\\s*(\\w+)\\s*=\\s*(\\S+)\\s*$").matcher(Files.readString(config) + "\n" + Files.readString(credentials));
        while (matcher.find()) {
            values.put(matcher.group(1), matcher.group(2));
        }
        return values;
    }
}
