package dev.tarn.it.accounts;

import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import static dev.tarn.it.accounts.S3Calls.assertDenied;
import static dev.tarn.it.accounts.S3Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cross-account access as AWS evaluates it: the caller's identity policy and the resource's policy must both allow. */
class CrossAccountTest
{
    private static final String GET_ANYTHING = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}""";

    private static TestServer server;
    private static S3Client owner;
    private static TestAccount partner;
    private static TestAccount stranger;
    private static StaticCredentialsProvider analyst;
    private static StaticCredentialsProvider bare;
    private static StaticCredentialsProvider intern;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        owner = server.s3();
        partner = TestAccount.create(server, "partner", Optional.empty());
        stranger = TestAccount.create(server, "stranger", Optional.empty());
        analyst = TestAccount.user(server.iam(partner.root()), "analyst", Optional.of(GET_ANYTHING));
        bare = TestAccount.user(server.iam(partner.root()), "bare", Optional.empty());
        intern = TestAccount.user(server.iam(partner.root()), "intern", Optional.of(GET_ANYTHING));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static String bucketWithObject(String prefix, Optional<String> policy)
    {
        String bucket = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        owner.createBucket(request -> request.bucket(bucket));
        owner.putObject(request -> request.bucket(bucket).key("data.csv"), RequestBody.fromString("a,b"));
        policy.ifPresent(document -> owner.putBucketPolicy(request -> request.bucket(bucket).policy(document.replace("BUCKET", bucket))));
        return bucket;
    }

    private static String read(StaticCredentialsProvider credentials, String bucket)
    {
        return server.s3(credentials).getObjectAsBytes(request -> request.bucket(bucket).key("data.csv")).asUtf8String();
    }

    @Test
    void bucketPolicyNamingAUserOfAnotherAccountNeedsThatUsersIdentityPolicyToo()
    {
        String bucket = bucketWithObject("xa-user", Optional.of("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::%1$s:user/analyst","arn:aws:iam::%1$s:user/bare"]},
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}]}""".formatted(partner.accountId())));
        assertThat(read(analyst, bucket)).isEqualTo("a,b");
        // named by the bucket policy, but nothing in its own account allows it
        assertDenied(() -> read(bare, bucket));
        // allowed by its own account, but not named
        assertDenied(() -> read(intern, bucket));
        assertDenied(() -> read(partner.root(), bucket));
        // the grant is for GetObject only
        assertDenied(() -> server.s3(analyst).listObjectsV2(request -> request.bucket(bucket)));
    }

    @Test
    void bucketPolicyNamingTheAccountLetsItsAllowedPrincipalsIn()
    {
        String bucket = bucketWithObject("xa-account", Optional.of("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                 "Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"]}]}""".formatted(partner.accountId())));
        assertThat(read(analyst, bucket)).isEqualTo("a,b");
        assertThat(read(intern, bucket)).isEqualTo("a,b");
        assertThat(read(partner.root(), bucket)).isEqualTo("a,b");
        assertThat(server.s3(analyst).listObjectsV2(request -> request.bucket(bucket)).keyCount()).isEqualTo(1);
        assertDenied(() -> read(bare, bucket));
        assertDenied(() -> read(stranger.root(), bucket));
        // writing was never granted
        assertDenied(() -> server.s3(partner.root()).putObject(request -> request.bucket(bucket).key("x"), RequestBody.fromString("x")));
        // GetBucketPolicy by another account: allowed or not, only the owner's account manages the policy
        assertDenied(() -> server.s3(partner.root()).getBucketPolicy(request -> request.bucket(bucket)));
    }

    @Test
    void anExplicitDenyInTheBucketPolicyWins()
    {
        String bucket = bucketWithObject("xa-deny", Optional.of("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":{"AWS":"%1$s"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"},
                 {"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::%1$s:user/intern"},"Action":"s3:*","Resource":"arn:aws:s3:::BUCKET/*"}]}"""
                .formatted(partner.accountId())));
        assertThat(read(analyst, bucket)).isEqualTo("a,b");
        assertDenied(() -> read(intern, bucket));
    }

    @Test
    void withoutABucketPolicyNothingOfAnotherAccountGetsIn()
    {
        String bucket = bucketWithObject("xa-none", Optional.empty());
        assertDenied(() -> read(analyst, bucket));
        assertDenied(() -> read(partner.root(), bucket));
        S3Calls head = S3Calls.of(() -> server.s3(partner.root()).headBucket(request -> request.bucket(bucket)));
        assertThat(head.status()).isEqualTo(403);
        // the owner's own users: either side suffices in one account
        StaticCredentialsProvider colleague = TestAccount.user(server.iam(), "colleague-" + bucket, Optional.of(GET_ANYTHING));
        assertThat(read(colleague, bucket)).isEqualTo("a,b");
        assertError(() -> server.s3(partner.root()).getObject(request -> request.bucket(bucket).key("missing")), 403, "AccessDenied");
    }

    @Test
    void assumeRoleAcrossAccountsFollowsTheTrustPolicy(@TempDir Path work)
    {
        String bucket = bucketWithObject("xa-role", Optional.empty());
        String roleArn = server.iam().createRole(request -> request.roleName("partner-reader").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                .formatted(partner.accountId()))).role().arn();
        server.iam().putRolePolicy(request -> request.roleName("partner-reader").policyName("read").policyDocument(GET_ANYTHING));
        StaticCredentialsProvider assumer = TestAccount.user(server.iam(partner.root()), "assumer", Optional.of("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}""".formatted(roleArn)));

        AssumeRoleResponse assumed = server.sts(assumer).assumeRole(request -> request.roleArn(roleArn).roleSessionName("s1"));
        StaticCredentialsProvider session = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                assumed.credentials().accessKeyId(), assumed.credentials().secretAccessKey(), assumed.credentials().sessionToken()));
        var identity = server.sts(session).getCallerIdentity();
        assertThat(identity.account()).isEqualTo(server.accountId());
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::" + server.accountId() + ":assumed-role/partner-reader/s1");
        assertThat(read(session, bucket)).isEqualTo("a,b");

        // trusted account, but its user's own policies do not allow sts:AssumeRole
        assertThatThrownBy(() -> server.sts(bare).assumeRole(request -> request.roleArn(roleArn).roleSessionName("s2")))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        // an account the trust policy does not name
        StaticCredentialsProvider outsider = TestAccount.user(server.iam(stranger.root()), "outsider", Optional.of(TestAccount.allowAll()));
        assertThatThrownBy(() -> server.sts(outsider).assumeRole(request -> request.roleArn(roleArn).roleSessionName("s3")))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));

        // the aws CLI as the partner's user
        var keys = assumer.resolveCredentials();
        AwsCli cli = AwsCli.forDataDir(server.dataDir(), work).withKeys(keys.accessKeyId(), keys.secretAccessKey());
        assertThat(cli.ok("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "cli", "--query", "AssumedRoleUser.Arn", "--output", "text").trim())
                .isEqualTo("arn:aws:sts::" + server.accountId() + ":assumed-role/partner-reader/cli");
        var denied = cli.run("s3api", "get-object", "--bucket", bucket, "--key", "data.csv", work.resolve("out").toString());
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.stderr()).contains("AccessDenied");
    }
}
