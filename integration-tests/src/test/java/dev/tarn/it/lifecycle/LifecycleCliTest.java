package dev.tarn.it.lifecycle;

import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import dev.tarn.it.cli.CliResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The landing-zone journey with the real {@code aws} CLI: a server whose lifecycle day lasts ten
 * seconds, a rule that expires raw files after a day, and the background scheduler (no test
 * hook) removing them while curated files stay.
 */
class LifecycleCliTest
{
    private static final Duration DAY = Duration.ofSeconds(10);
    private static TestServer server;
    private static Optional<Path> cli;

    @TempDir
    Path directory;

    @BeforeAll
    static void start()
    {
        cli = AwsCli.installed();
        server = TestServer.start(Clock.systemUTC(), DAY);
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void landingZoneExpiresRawFilesAfterADay()
            throws Exception
    {
        assumeThat(cli).as("the aws CLI on PATH").isPresent();
        AwsCli aws = AwsCli.forDataDir(server.dataDir(), directory);
        aws.ok("s3api", "create-bucket", "--bucket", "landing");
        Path rules = Files.writeString(directory.resolve("lifecycle.json"), """
                {"Rules": [{"ID": "expire-raw", "Status": "Enabled", "Filter": {"Prefix": "raw/"}, "Expiration": {"Days": 1}}]}
                """);
        aws.ok("s3api", "put-bucket-lifecycle-configuration", "--bucket", "landing", "--lifecycle-configuration", "file://" + rules);
        assertThat(aws.text("s3api", "get-bucket-lifecycle-configuration", "--bucket", "landing", "--query", "Rules[0].ID")).isEqualTo("expire-raw");

        Path file = Files.writeString(directory.resolve("events.json"), "{\"event\": 1}\n");
        aws.ok("s3", "cp", file.toString(), "s3://landing/raw/2026/11/events.json");
        aws.ok("s3", "cp", file.toString(), "s3://landing/curated/events.json");
        assertThat(aws.text("s3api", "head-object", "--bucket", "landing", "--key", "raw/2026/11/events.json", "--query", "Expiration"))
                .contains("rule-id=\"expire-raw\"");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String remaining = keys(aws);
        while (remaining.contains("raw/") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            remaining = keys(aws);
        }
        assertThat(remaining).doesNotContain("raw/").contains("curated/events.json");
        assertThat(Files.readString(server.dataDir().resolve("lifecycle").resolve("lifecycle.log")))
                .contains("\"key\":\"raw/2026/11/events.json\"").contains("\"rule\":\"expire-raw\"");
    }

    @Test
    void invalidRulesAreRefusedWithTheAwsError()
            throws Exception
    {
        assumeThat(cli).as("the aws CLI on PATH").isPresent();
        AwsCli aws = AwsCli.forDataDir(server.dataDir(), directory);
        aws.ok("s3api", "create-bucket", "--bucket", "refused");
        Path rules = Files.writeString(directory.resolve("bad.json"), """
                {"Rules": [{"ID": "zero", "Status": "Enabled", "Filter": {"Prefix": ""}, "Expiration": {"Days": 0}}]}
                """);
        CliResult result = aws.run("s3api", "put-bucket-lifecycle-configuration", "--bucket", "refused", "--lifecycle-configuration", "file://" + rules);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stderr()).contains("InvalidArgument").contains("'Days' for Expiration action must be a positive integer");
        CliResult missing = aws.run("s3api", "get-bucket-lifecycle-configuration", "--bucket", "refused");
        assertThat(missing.stderr()).contains("NoSuchLifecycleConfiguration");
    }

    private static String keys(AwsCli aws)
    {
        return aws.ok("s3api", "list-objects-v2", "--bucket", "landing", "--query", "Contents[].Key", "--output", "text");
    }
}
