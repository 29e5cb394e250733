package dev.tarn.it.iam;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AssumeRole decided by trust and identity policies, session policies, session tokens, expiry. */
class StsTest
{
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final AdjustableClock clock = new AdjustableClock();
    static TestServer server;
    static IamClient iam;

    @BeforeAll
    static void start()
    {
        server = TestServer.start(clock);
        iam = server.iam();
        server.s3().createBucket(request -> request.bucket("datasets"));
        server.s3().putObject(request -> request.bucket("datasets").key("a.csv"), RequestBody.fromString("a"));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @AfterEach
    void resetClock()
    {
        clock.reset();
    }

    static String trustAccount()
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + server.accountId()
                + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    static String trustUser(String user)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + server.accountId()
                + ":user/" + user + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    static final String READ_DATASETS = DataScienceGroupTest.READ_DATASETS;

    static String allowAssume(String roleArn)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + roleArn + "\"}]}";
    }

    /** A new user with an access key, and an STS client signing as it. */
    static StsClient newUser(String name)
    {
        iam.createUser(request -> request.userName(name));
        AccessKey key = iam.createAccessKey(request -> request.userName(name)).accessKey();
        return server.sts(server.credentials(key.accessKeyId(), key.secretAccessKey()));
    }

    static String newRole(String name, String trust)
    {
        String arn = iam.createRole(request -> request.roleName(name).path("/lab/").assumeRolePolicyDocument(trust)).role().arn();
        iam.putRolePolicy(request -> request.roleName(name).policyName("read").policyDocument(READ_DATASETS));
        return arn;
    }

    static StaticCredentialsProvider session(Credentials credentials)
    {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
    }

    @Test
    void trustPolicyNamingTheAccountNeedsTheCallersPermissionToo()
    {
        String suffix = "" + NAMES.incrementAndGet();
        StsClient alice = newUser("alice" + suffix);
        String roleArn = newRole("analyst" + suffix, trustAccount());
        assertThat(roleArn).isEqualTo("arn:aws:iam::" + server.accountId() + ":role/lab/analyst" + suffix);

        assertError(() -> alice.assumeRole(request -> request.roleArn(roleArn).roleSessionName("s1")), 403, "AccessDenied",
                "User: arn:aws:iam::" + server.accountId() + ":user/alice" + suffix + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);

        iam.putUserPolicy(request -> request.userName("alice" + suffix).policyName("assume").policyDocument(allowAssume(roleArn)));
        AssumeRoleResponse assumed = alice.assumeRole(request -> request.roleArn(roleArn).roleSessionName("s1").durationSeconds(900));
        Credentials credentials = assumed.credentials();
        assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(credentials.secretAccessKey()).hasSize(40);
        assertThat(credentials.expiration()).isAfter(Instant.now().plusSeconds(800)).isBefore(Instant.now().plusSeconds(1000));
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + server.accountId() + ":assumed-role/analyst" + suffix + "/s1");
        String roleId = iam.getRole(request -> request.roleName("analyst" + suffix)).role().roleId();
        assertThat(roleId).startsWith("AROA");
        assertThat(assumed.assumedRoleUser().assumedRoleId()).isEqualTo(roleId + ":s1");

        GetCallerIdentityResponse identity = server.sts(session(credentials)).getCallerIdentity();
        assertThat(identity.arn()).isEqualTo(assumed.assumedRoleUser().arn());
        assertThat(identity.userId()).isEqualTo(roleId + ":s1");

        S3Client s3 = server.s3(session(credentials));
        assertThat(s3.getObjectAsBytes(request -> request.bucket("datasets").key("a.csv")).asString(StandardCharsets.UTF_8)).isEqualTo("a");
        assertError(() -> s3.putObject(request -> request.bucket("datasets").key("b"), RequestBody.fromString("b")), 403, "AccessDenied",
                "User: " + assumed.assumedRoleUser().arn() + " is not authorized to perform: s3:PutObject");

        // expired: the token no longer works
        clock.advance(Duration.ofSeconds(901));
        assertError(() -> s3.getObjectAsBytes(request -> request.bucket("datasets").key("a.csv")), 400, "ExpiredToken", "");
    }

    @Test
    void trustPolicyNamingTheUserIsEnoughAndNamingSomeoneElseIsNot()
    {
        String suffix = "" + NAMES.incrementAndGet();
        StsClient bob = newUser("bob" + suffix);
        String named = newRole("for-bob" + suffix, trustUser("bob" + suffix));
        assertThat(bob.assumeRole(request -> request.roleArn(named).roleSessionName("direct")).credentials().accessKeyId()).startsWith("ASIA");

        String other = newRole("for-carol" + suffix, trustUser("carol" + suffix + "x"));
        // even an identity policy that allows it can't override the trust policy
        iam.putUserPolicy(request -> request.userName("bob" + suffix).policyName("assume-all").policyDocument(allowAssume("*")));
        assertError(() -> bob.assumeRole(request -> request.roleArn(other).roleSessionName("s2")), 403, "AccessDenied", "sts:AssumeRole");
        assertError(() -> bob.assumeRole(request -> request.roleArn("arn:aws:iam::" + server.accountId() + ":role/missing").roleSessionName("s2")),
                403, "AccessDenied", "sts:AssumeRole");
    }

    @Test
    void sessionPoliciesLimitTheSession()
    {
        String suffix = "" + NAMES.incrementAndGet();
        StsClient dora = newUser("dora" + suffix);
        String roleArn = newRole("limited" + suffix, trustUser("dora" + suffix));
        String onlyList = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}";
        AssumeRoleResponse assumed = dora.assumeRole(request -> request.roleArn(roleArn).roleSessionName("narrow").policy(onlyList));
        assertThat(assumed.packedPolicySize()).isBetween(1, 100);
        S3Client s3 = server.s3(session(assumed.credentials()));
        assertThat(s3.listObjectsV2(request -> request.bucket("datasets")).contents()).isNotEmpty();
        assertError(() -> s3.getObjectAsBytes(request -> request.bucket("datasets").key("a.csv")), 403, "AccessDenied",
                "because no session policy allows the s3:GetObject action");

        String policyArn = iam.createPolicy(request -> request.policyName("only-get" + suffix).policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")).policy().arn();
        AssumeRoleResponse byArn = dora.assumeRole(request -> request.roleArn(roleArn).roleSessionName("arn").policyArns(arn -> arn.arn(policyArn)));
        S3Client s3ByArn = server.s3(session(byArn.credentials()));
        assertThat(s3ByArn.getObjectAsBytes(request -> request.bucket("datasets").key("a.csv")).asUtf8String()).isEqualTo("a");
        assertError(() -> s3ByArn.listObjectsV2(request -> request.bucket("datasets")), 403, "AccessDenied", "s3:ListBucket");

        assertError(() -> dora.assumeRole(request -> request.roleArn(roleArn).roleSessionName("bad").policy("{\"Statement\":[]}")),
                400, "MalformedPolicyDocument", "");
    }

    @Test
    void durationIsBoundedByTheRole()
    {
        String suffix = "" + NAMES.incrementAndGet();
        StsClient erin = newUser("erin" + suffix);
        String roleArn = newRole("short" + suffix, trustUser("erin" + suffix));
        assertError(() -> erin.assumeRole(request -> request.roleArn(roleArn).roleSessionName("s2").durationSeconds(7200)), 400, "ValidationError",
                "MaxSessionDuration");
        assertError(() -> erin.assumeRole(request -> request.roleArn(roleArn).roleSessionName("s2").durationSeconds(899)), 400, "ValidationError", "");
        iam.updateRole(request -> request.roleName("short" + suffix).maxSessionDuration(7200));
        Credentials credentials = erin.assumeRole(request -> request.roleArn(roleArn).roleSessionName("s2").durationSeconds(7200)).credentials();
        assertThat(credentials.expiration()).isAfter(Instant.now().plusSeconds(7000));
    }

    @Test
    void rootCannotAssumeRolesButGetsSessionTokens()
    {
        String suffix = "" + NAMES.incrementAndGet();
        String roleArn = newRole("nobody" + suffix, trustAccount());
        assertError(() -> server.sts().assumeRole(request -> request.roleArn(roleArn).roleSessionName("root")), 403, "AccessDenied",
                "Roles may not be assumed by root accounts.");

        Credentials rootSession = server.sts().getSessionToken(request -> request.durationSeconds(900)).credentials();
        assertThat(server.sts(session(rootSession)).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + server.accountId() + ":root");
        assertThat(server.s3(session(rootSession)).listBuckets().buckets()).isNotEmpty();
    }

    @Test
    void userSessionTokensActAsTheUser()
    {
        String suffix = "" + NAMES.incrementAndGet();
        StsClient fred = newUser("fred" + suffix);
        iam.putUserPolicy(request -> request.userName("fred" + suffix).policyName("read").policyDocument(READ_DATASETS));
        Credentials credentials = fred.getSessionToken().credentials();
        assertThat(credentials.expiration()).isAfter(Instant.now().plusSeconds(43_000));
        StsClient asSession = server.sts(session(credentials));
        assertThat(asSession.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + server.accountId() + ":user/fred" + suffix);
        assertThat(server.s3(session(credentials)).getObjectAsBytes(request -> request.bucket("datasets").key("a.csv")).asUtf8String()).isEqualTo("a");
        assertError(() -> asSession.getSessionToken(), 403, "AccessDenied", "Cannot call GetSessionToken with session credentials");

        // a wrong token is refused
        StaticCredentialsProvider wrongToken = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), "not-the-token"));
        assertError(() -> server.sts(wrongToken).getCallerIdentity(), 400, "InvalidToken", "");
    }

    static AwsServiceException assertError(Runnable call, int status, String code, String messagePart)
    {
        AwsServiceException[] thrown = new AwsServiceException[1];
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(code);
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
                    thrown[0] = e;
                });
        return thrown[0];
    }
}
