package dev.tarn.it.lock;

import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import dev.tarn.it.cli.CliResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Object lock with the real {@code aws} CLI: a compliance archive nobody can shorten, and governance lifted with the bypass flag. */
class ObjectLockCliTest
{
    private static TestServer server;
    private static Optional<Path> cli;

    @TempDir
    Path directory;

    @BeforeAll
    static void start()
    {
        cli = AwsCli.installed();
        server = TestServer.start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void complianceArchiveAndGovernanceBypass()
            throws Exception
    {
        assumeThat(cli).as("the aws CLI on PATH").isPresent();
        AwsCli aws = AwsCli.forDataDir(server.dataDir(), directory);
        aws.ok("s3api", "create-bucket", "--bucket", "archive", "--object-lock-enabled-for-bucket");
        // version ids may begin with '-', so they are passed as --version-id=ID
        assertThat(aws.text("s3api", "get-bucket-versioning", "--bucket", "archive", "--query", "Status")).isEqualTo("Enabled");
        aws.ok("s3api", "put-object-lock-configuration", "--bucket", "archive", "--object-lock-configuration",
                "{\"ObjectLockEnabled\": \"Enabled\", \"Rule\": {\"DefaultRetention\": {\"Mode\": \"COMPLIANCE\", \"Days\": 1}}}");
        assertThat(aws.text("s3api", "get-object-lock-configuration", "--bucket", "archive",
                "--query", "ObjectLockConfiguration.Rule.DefaultRetention.Mode")).isEqualTo("COMPLIANCE");

        Path file = Files.writeString(directory.resolve("ledger.csv"), "id,amount\n1,10\n");
        String version = aws.text("s3api", "put-object", "--bucket", "archive", "--key", "ledger.csv", "--body", file.toString(), "--query", "VersionId");
        assertThat(aws.text("s3api", "head-object", "--bucket", "archive", "--key", "ledger.csv", "--query", "ObjectLockMode")).isEqualTo("COMPLIANCE");

        CliResult delete = aws.run("s3api", "delete-object", "--bucket", "archive", "--key", "ledger.csv", "--version-id=" + version,
                "--bypass-governance-retention");
        assertThat(delete.succeeded()).isFalse();
        assertThat(delete.stderr()).contains("AccessDenied");
        CliResult shorten = aws.run("s3api", "put-object-retention", "--bucket", "archive", "--key", "ledger.csv", "--version-id=" + version,
                "--bypass-governance-retention", "--retention", "{\"Mode\": \"COMPLIANCE\", \"RetainUntilDate\": \"" + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}");
        assertThat(shorten.stderr()).contains("AccessDenied");

        // governance: the owner may lift it by saying so
        String governed = aws.text("s3api", "put-object", "--bucket", "archive", "--key", "draft.csv", "--body", file.toString(),
                "--object-lock-mode", "GOVERNANCE", "--object-lock-retain-until-date", Instant.now().plus(2, ChronoUnit.DAYS).toString(), "--query", "VersionId");
        assertThat(aws.run("s3api", "delete-object", "--bucket", "archive", "--key", "draft.csv", "--version-id=" + governed).stderr()).contains("AccessDenied");
        aws.ok("s3api", "delete-object", "--bucket", "archive", "--key", "draft.csv", "--version-id=" + governed, "--bypass-governance-retention");
        aws.ok("s3api", "put-object-legal-hold", "--bucket", "archive", "--key", "ledger.csv", "--version-id=" + version, "--legal-hold", "Status=ON");
        assertThat(aws.text("s3api", "get-object-legal-hold", "--bucket", "archive", "--key", "ledger.csv", "--version-id=" + version,
                "--query", "LegalHold.Status")).isEqualTo("ON");
        assertThat(aws.text("s3api", "list-object-versions", "--bucket", "archive", "--query", "Versions[].Key")).isEqualTo("ledger.csv");
    }
}
