package dev.tarn.it.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import dev.tarn.server.TarnMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several accounts in one installation: created by the admin API and the command line, each with its own IAM, KMS and buckets. */
class AccountsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

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
    void adminApiCreatesAnAccountWhoseRootKeysWorkAtOnce()
            throws Exception
    {
        AdminApi.Response response = AdminApi.call(server, server.credentials(), "CreateAccount", "{\"AccountName\":\"analytics\",\"Email\":\"analytics@example.com\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode created = JSON.readTree(response.body());
        String accountId = created.at("/Account/AccountId").asText();
        assertThat(accountId).matches("\\d{12}").isNotEqualTo(server.accountId());
        assertThat(created.at("/Account/Email").asText()).isEqualTo("analytics@example.com");
        StaticCredentialsProvider root = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                created.at("/RootAccessKey/AccessKeyId").asText(), created.at("/RootAccessKey/SecretAccessKey").asText()));

        GetCallerIdentityResponse identity = server.sts(root).getCallerIdentity();
        assertThat(identity.account()).isEqualTo(accountId);
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + accountId + ":root");

        AdminApi.Response listed = AdminApi.call(server, server.credentials(), "ListAccounts", "{}");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body()).findValuesAsText("AccountId")).contains(server.accountId(), accountId);

        AdminApi.Response duplicate = AdminApi.call(server, server.credentials(), "CreateAccount", "{\"AccountName\":\"again\",\"Email\":\"Analytics@example.com\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body()).contains("DuplicateAccountException");
    }

    @Test
    void onlyTheFirstRootAdministersAccounts()
    {
        TestAccount other = TestAccount.create(server, "other-admin", Optional.empty());
        AdminApi.Response asOtherRoot = AdminApi.call(server, other.root(), "CreateAccount", "{\"AccountName\":\"sneaky\"}");
        assertThat(asOtherRoot.status()).isEqualTo(403);
        assertThat(asOtherRoot.body()).contains("AccessDenied");

        StaticCredentialsProvider admin = TestAccount.user(server.iam(), "admin-api-user", Optional.of(TestAccount.allowAll()));
        AdminApi.Response asUser = AdminApi.call(server, admin, "CreateAccount", "{\"AccountName\":\"sneaky\"}");
        assertThat(asUser.status()).isEqualTo(403);

        AdminApi.Response badName = AdminApi.call(server, server.credentials(), "CreateAccount", "{\"AccountName\":\"\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("InvalidInputException");
    }

    @Test
    void commandLineCreatesAnAccountWhileTheServerRuns(@TempDir Path work)
    {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new TarnMain()).execute("account", "create", "team-cli", "--email", "cli@example.com",
                    "--data-dir", server.dataDir().toString());
        }
        finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        Map<String, String> printed = Pattern.compile("(?m)^(\\S+) = (\\S+)$").matcher(output).results()
                .collect(Collectors.toMap(match -> match.group(1), match -> match.group(2)));
        assertThat(printed).containsKeys("account_id", "aws_access_key_id", "aws_secret_access_key");

        // the real aws CLI with the printed keys
        AwsCli cli = AwsCli.forDataDir(server.dataDir(), work).withKeys(printed.get("aws_access_key_id"), printed.get("aws_secret_access_key"));
        assertThat(cli.ok("sts", "get-caller-identity", "--query", "Account", "--output", "text").trim()).isEqualTo(printed.get("account_id"));
        cli.ok("s3api", "create-bucket", "--bucket", "cli-account-bucket");
        assertThat(cli.ok("s3api", "list-buckets", "--query", "Buckets[].Name", "--output", "text")).contains("cli-account-bucket");
        // the first account sees none of it
        assertThat(AwsCli.forDataDir(server.dataDir(), work).ok("s3api", "list-buckets", "--query", "Buckets[].Name", "--output", "text"))
                .doesNotContain("cli-account-bucket");
    }

    @Test
    void accountsSurviveARestartAndTheFirstStaysAsItWas()
    {
        String firstAccount = server.accountId();
        TestAccount later = TestAccount.create(server, "durable", Optional.of("durable@example.com"));
        server.s3(later.root()).createBucket(request -> request.bucket("durable-bucket"));
        server.restart();
        assertThat(server.accountId()).isEqualTo(firstAccount);
        assertThat(server.sts().getCallerIdentity().account()).isEqualTo(firstAccount);
        assertThat(server.sts(later.root()).getCallerIdentity().account()).isEqualTo(later.accountId());
        assertThat(server.s3(later.root()).listBuckets().buckets()).extracting(Bucket::name).contains("durable-bucket");
        // a key nobody issued is still refused
        S3Client unknown = server.s3(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "secret")));
        assertThatThrownBy(unknown::listBuckets).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
        });
    }

    @Test
    void eachAccountHasItsOwnIamKmsAndBuckets()
    {
        TestAccount other = TestAccount.create(server, "isolated", Optional.empty());
        IamClient firstIam = server.iam();
        IamClient otherIam = server.iam(other.root());
        firstIam.createUser(request -> request.userName("same-name"));
        User otherUser = otherIam.createUser(request -> request.userName("same-name")).user();
        assertThat(otherUser.arn()).isEqualTo("arn:aws:iam::" + other.accountId() + ":user/same-name");
        assertThat(otherIam.listUsers().users()).extracting(User::userName).containsExactly("same-name");

        KmsClient firstKms = server.kms();
        KmsClient otherKms = server.kms(other.root());
        String keyArn = otherKms.createKey().keyMetadata().arn();
        assertThat(keyArn).startsWith("arn:aws:kms:us-east-1:" + other.accountId() + ":key/");
        assertThat(firstKms.listKeys().keys()).noneMatch(key -> key.keyArn().equals(keyArn));
        assertThatThrownBy(() -> firstKms.describeKey(request -> request.keyId(keyArn)))
                .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));

        S3Client firstS3 = server.s3();
        S3Client otherS3 = server.s3(other.root());
        otherS3.createBucket(request -> request.bucket("isolated-bucket"));
        ListBucketsResponse otherBuckets = otherS3.listBuckets();
        assertThat(otherBuckets.buckets()).extracting(Bucket::name).containsExactly("isolated-bucket");
        assertThat(firstS3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("isolated-bucket");
        // bucket names are global
        assertThatThrownBy(() -> firstS3.createBucket(request -> request.bucket("isolated-bucket")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyExists");
                });
        assertThatThrownBy(() -> firstS3.headBucket(request -> request.bucket("isolated-bucket")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        // owners differ and are the same everywhere they are shown
        String firstOwner = firstS3.listBuckets().owner().id();
        assertThat(otherBuckets.owner().id()).hasSize(64).isNotEqualTo(firstOwner);
        assertThat(otherBuckets.owner().displayName()).isEqualTo("account-" + other.accountId());
    }
}
