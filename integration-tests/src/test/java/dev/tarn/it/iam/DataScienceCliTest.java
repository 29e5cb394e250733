package dev.tarn.it.iam;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The administrator's journey with the real AWS CLI: a data-science group allowed only to read the
 * dataset bucket, a member with an access key, and what that member can and cannot do.
 */
class DataScienceCliTest
{
    static TestServer server;
    static Path work;

    @BeforeAll
    static void start()
            throws IOException
    {
        server = TestServer.start();
        work = Files.createTempDirectory("tarn-cli-");
    }

    @AfterAll
    static void stop()
    {
        server.close();
        TestServer.deleteRecursively(work);
    }

    record Result(int exitCode, String stdout, String stderr) {}

    @Test
    void paulo()
            throws IOException
    {
        assumeThat(cliAvailable()).as("the aws CLI is installed").isTrue();
        Files.writeString(work.resolve("readings.csv"), "t,v\n1,2\n");

        admin("s3", "mb", "s3://datasets");
        admin("s3", "cp", work.resolve("readings.csv").toString(), "s3://datasets/lab/readings.csv");
        admin("iam", "create-group", "--group-name", "data-science");
        String policyArn = admin("iam", "create-policy", "--policy-name", "read-datasets", "--policy-document", DataScienceGroupTest.READ_DATASETS,
                "--query", "Policy.Arn", "--output", "text").strip();
        admin("iam", "attach-group-policy", "--group-name", "data-science", "--policy-arn", policyArn);
        admin("iam", "create-user", "--user-name", "Paulo");
        admin("iam", "add-user-to-group", "--group-name", "data-science", "--user-name", "Paulo");
        String[] key = admin("iam", "create-access-key", "--user-name", "Paulo", "--query", "AccessKey.[AccessKeyId,SecretAccessKey]",
                "--output", "text").strip().split("\\s+");
        assertThat(key[0]).startsWith("AKIA").hasSize(20);
        assertThat(key[1]).hasSize(40);

        // the CLI decodes the URL-encoded document IAM returns
        assertThat(admin("iam", "get-policy-version", "--policy-arn", policyArn, "--version-id", "v1", "--query", "PolicyVersion.Document.Statement[0].Action", "--output", "json"))
                .contains("s3:GetObject");
        assertThat(admin("iam", "get-group", "--group-name", "data-science", "--query", "Users[].UserName", "--output", "text").strip()).isEqualTo("Paulo");

        Map<String, String> paulo = Map.of("AWS_ACCESS_KEY_ID", key[0], "AWS_SECRET_ACCESS_KEY", key[1]);
        Result read = run(paulo, "s3", "cp", "s3://datasets/lab/readings.csv", "-");
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(read.stdout()).isEqualTo("t,v\n1,2\n");
        assertThat(run(paulo, "s3", "ls", "s3://datasets/lab/").stdout()).contains("readings.csv");
        assertThat(run(paulo, "sts", "get-caller-identity", "--query", "Arn", "--output", "text").stdout().strip())
                .isEqualTo("arn:aws:iam::" + server.accountId() + ":user/Paulo");

        assertDenied(run(paulo, "s3", "cp", work.resolve("readings.csv").toString(), "s3://datasets/lab/copy.csv"));
        assertDenied(run(paulo, "s3", "rm", "s3://datasets/lab/readings.csv"));
        assertDenied(run(paulo, "s3", "ls"));
        assertDenied(run(paulo, "s3", "mb", "s3://paulos-bucket"));
        assertDenied(run(paulo, "iam", "create-user", "--user-name", "mallory"));

        // root is allowed everything: the file is still there
        assertThat(admin("s3", "ls", "s3://datasets/lab/")).contains("readings.csv").doesNotContain("copy.csv");
    }

    private static void assertDenied(Result result)
    {
        assertThat(result.exitCode()).as(result.stdout()).isNotZero();
        assertThat(result.stderr()).contains("AccessDenied");
    }

    private static String admin(String... arguments)
    {
        Result result = run(Map.of("AWS_SHARED_CREDENTIALS_FILE", server.dataDir().resolve("credentials").toString()), arguments);
        assertThat(result.exitCode()).as(String.join(" ", arguments) + ": " + result.stderr()).isZero();
        return result.stdout();
    }

    private static boolean cliAvailable()
    {
        try {
            return new ProcessBuilder("aws", "--version").redirectErrorStream(true).start().waitFor() == 0;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Result run(Map<String, String> environment, String... arguments)
    {
        List<String> command = new ArrayList<>();
        command.add("aws");
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", server.dataDir().resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        env.putAll(environment);
        try {
            // stderr to a file, so that neither stream can fill up and stall the process
            Path stderr = Files.createTempFile(work, "stderr", ".txt");
            builder.redirectError(stderr.toFile());
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("aws " + String.join(" ", arguments) + " did not finish");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(stderr));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
