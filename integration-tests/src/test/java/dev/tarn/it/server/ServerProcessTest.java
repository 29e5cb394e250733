package dev.tarn.it.server;

import dev.tarn.it.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code bin/tarn server} does as a process: what it logs, the files it writes, the keys it uses. */
class ServerProcessTest
{
    @TempDir
    Path dataDir;

    @Test
    void readyServerLogsEndpointWritesWorkingCredentialsAndKeepsItsAccount()
            throws Exception
    {
        String accountId;
        String accessKeyId;
        try (ServerProcess server = ServerProcess.start(dataDir)) {
            URI endpoint = server.endpoint();
            assertThat(server.output()).filteredOn(line -> line.contains(endpoint.toString())).hasSize(1);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.resolve("/_tarn/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            Path credentials = server.credentialsFile();
            assertThat(Files.getPosixFilePermissions(credentials)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            List<String> lines = Files.readAllLines(credentials).stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).isEqualTo("[default]");
            assertThat(lines.get(1)).matches("aws_access_key_id = AKIA[A-Z2-7]{16}");
            assertThat(lines.get(2)).matches("aws_secret_access_key = \\S{40}");
            assertThat(Files.readAllLines(server.configFile()).stream().map(String::strip))
                    .contains("region = us-east-1", "endpoint_url = " + endpoint);

            AwsCredentials keys = server.fileCredentials().resolveCredentials();
            accessKeyId = keys.accessKeyId();
            assertThat(lines.get(1)).endsWith(accessKeyId);
            try (StsClient sts = server.sts(server.fileCredentials())) {
                GetCallerIdentityResponse identity = sts.getCallerIdentity();
                accountId = identity.account();
                assertThat(accountId).matches("\\d{12}");
                assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + accountId + ":root");
            }
            server.stop();
        }

        try (ServerProcess server = ServerProcess.start(dataDir);
                StsClient sts = server.sts(server.fileCredentials())) {
            assertThat(server.fileCredentials().resolveCredentials().accessKeyId()).isEqualTo(accessKeyId);
            assertThat(sts.getCallerIdentity().account()).isEqualTo(accountId);
            server.stop();
        }
    }

    @Test
    void rootKeysFromTheEnvironmentAreUsed()
            throws Exception
    {
        String accessKeyId = "AKIAENVIRONMENTKEY01";
        String secret = "environment-secret-0123456789abcdefghijk";
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of(
                "TARN_ROOT_ACCESS_KEY_ID", accessKeyId,
                "TARN_ROOT_SECRET_ACCESS_KEY", secret))) {
            AwsCredentials written = server.fileCredentials().resolveCredentials();
            assertThat(written.accessKeyId()).isEqualTo(accessKeyId);
            assertThat(written.secretAccessKey()).isEqualTo(secret);

            try (StsClient sts = server.sts(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))) {
                assertThat(sts.getCallerIdentity().account()).matches("\\d{12}");
            }
            try (StsClient sts = server.sts(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret + "x")))) {
                assertThatThrownBy(sts::getCallerIdentity)
                        .isInstanceOfSatisfying(StsException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
            }
            server.stop();
        }
    }
}
