package dev.tarn.it.accounts;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.tarn.it.accounts.S3Calls.assertDenied;
import static dev.tarn.it.accounts.S3Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first account's email address: given at start (TARN_ROOT_EMAIL / --root-email), or set later
 * with the admin API or {@code bin/tarn account set-email}; ACL grants by email then name it.
 */
class RootEmailTest
{
    private static TestServer server;
    private static S3Client first;
    private static TestAccount grantor;
    private static S3Client grantorS3;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        first = server.s3();
        grantor = TestAccount.create(server, "grantor", Optional.of("grantor@example.com"));
        grantorS3 = server.s3(grantor.root());
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    /** The grantor's object, readable by whoever has {@code email}, or the grant's error. */
    private static String shareByEmail(S3Client owner, String email)
    {
        String bucket = TestAccount.createBucket(owner, "by-email", ObjectOwnership.OBJECT_WRITER);
        owner.putObject(request -> request.bucket(bucket).key("shared").grantRead("emailAddress=\"" + email + "\""), RequestBody.fromString("for you"));
        return bucket;
    }

    private static String read(S3Client client, String bucket)
    {
        return client.getObjectAsBytes(request -> request.bucket(bucket).key("shared")).asUtf8String();
    }

    @Test
    void emailGivenAtStartNamesTheFirstAccountInGrants()
    {
        try (TestServer named = TestServer.start(config -> config.withRootEmail("Admin@Example.com"))) {
            TestAccount other = TestAccount.create(named, "other", Optional.empty());
            S3Client otherS3 = named.s3(other.root());
            // matched without regard to case, shown as the first account's canonical user
            String bucket = shareByEmail(otherS3, "admin@example.com");
            assertThat(read(named.s3(), bucket)).isEqualTo("for you");
            assertThat(otherS3.getObjectAcl(request -> request.bucket(bucket).key("shared")).grants())
                    .anySatisfy(grant -> assertThat(grant.grantee().id()).isEqualTo(named.s3().listBuckets().owner().id()));
            // an object not shared stays the other account's
            otherS3.putObject(request -> request.bucket(bucket).key("private"), RequestBody.fromString("mine"));
            assertDenied(() -> named.s3().getObjectAsBytes(request -> request.bucket(bucket).key("private")));
            // the address is taken: no later account can have it
            AdminApi.Response duplicate = AdminApi.call(named, named.credentials(), "CreateAccount", "{\"AccountName\":\"copy\",\"Email\":\"ADMIN@example.com\"}");
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.body()).contains("DuplicateAccountException");

            // kept across restarts
            named.restart();
            assertThat(read(named.s3(), shareByEmail(named.s3(other.root()), "admin@example.com"))).isEqualTo("for you");
        }
    }

    @Test
    void adminApiSetsTheFirstAccountsEmail()
    {
        String firstId = server.sts().getCallerIdentity().account();
        String address = "first-api@example.com";
        assertError(() -> shareByEmail(grantorS3, address), 400, "UnresolvableGrantByEmailAddress");

        String request = "{\"AccountId\":\"" + firstId + "\",\"Email\":\"" + address + "\"}";
        AdminApi.Response byOther = AdminApi.call(server, grantor.root(), "SetAccountEmail", request);
        assertThat(byOther.status()).isEqualTo(403);
        assertThat(byOther.body()).contains("AccessDenied");

        AdminApi.Response set = AdminApi.call(server, server.credentials(), "SetAccountEmail", request);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).contains("\"Email\":\"" + address + "\"").contains("\"AccountId\":\"" + firstId + "\"");
        assertThat(AdminApi.call(server, server.credentials(), "ListAccounts", "{}").body()).contains(address);
        assertThat(read(first, shareByEmail(grantorS3, address))).isEqualTo("for you");

        AdminApi.Response taken = AdminApi.call(server, server.credentials(), "SetAccountEmail",
                "{\"AccountId\":\"" + firstId + "\",\"Email\":\"grantor@example.com\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body()).contains("DuplicateAccountException");
        AdminApi.Response unknown = AdminApi.call(server, server.credentials(), "SetAccountEmail",
                "{\"AccountId\":\"999999999999\",\"Email\":\"nobody@example.com\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("AccountNotFoundException");
        AdminApi.Response invalid = AdminApi.call(server, server.credentials(), "SetAccountEmail",
                "{\"AccountId\":\"" + firstId + "\",\"Email\":\"not an address\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("InvalidInputException");
    }

    @Test
    void binTarnCreatesAccountsAndSetsEmails()
    {
        Script created = tarn("account", "create", "script-team", "--email", "script@example.com", "--data-dir", server.dataDir().toString());
        assertThat(created.exit()).as(created.output()).isZero();
        Map<String, String> printed = Pattern.compile("(?m)^(\\S+) = (\\S+)$").matcher(created.output()).results()
                .collect(Collectors.toMap(match -> match.group(1), match -> match.group(2)));
        assertThat(printed).containsEntry("name", "script-team").containsEntry("email", "script@example.com");
        // the printed root keys work at once against the running server
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(printed.get("aws_access_key_id"), printed.get("aws_secret_access_key")));
        assertThat(server.sts(keys).getCallerIdentity().account()).isEqualTo(printed.get("account_id"));

        String firstId = server.sts().getCallerIdentity().account();
        Script set = tarn("account", "set-email", firstId, "first-cli@example.com", "--data-dir", server.dataDir().toString());
        assertThat(set.exit()).as(set.output()).isZero();
        assertThat(read(first, shareByEmail(server.s3(keys), "first-cli@example.com"))).isEqualTo("for you");
        assertThat(tarn("account", "list", "--data-dir", server.dataDir().toString()).output())
                .contains(firstId + "\taccount-" + firstId + "\tfirst-cli@example.com")
                .contains(printed.get("account_id") + "\tscript-team\tscript@example.com");

        Script duplicate = tarn("account", "create", "again", "--email", "SCRIPT@example.com", "--data-dir", server.dataDir().toString());
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.output()).contains("DuplicateAccountException");
        Script unknown = tarn("account", "set-email", "999999999999", "x@example.com", "--data-dir", server.dataDir().toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.output()).contains("AccountNotFoundException");
    }

    private record Script(int exit, String output) {}

    /** Runs the real {@code bin/tarn} script, on the test class path (TARN_CLASSPATH) rather than a packaged build. */
    private static Script tarn(String... arguments)
    {
        List<String> command = new ArrayList<>(List.of("bash", binTarn().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("TARN_"));
        builder.environment().put("TARN_CLASSPATH", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        builder.environment().put("TARN_JAVA_OPTS", "-Xmx128m");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("bin/tarn did not finish: " + output);
            }
            return new Script(process.exitValue(), output);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path binTarn()
    {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("bin").resolve("tarn");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("bin/tarn not found above " + Path.of("").toAbsolutePath());
    }
}
