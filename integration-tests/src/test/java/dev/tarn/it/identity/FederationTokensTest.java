package dev.tarn.it.identity;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GetFederationToken's policy intersection, what session credentials may call, account aliases, and new keys working at once. */
class FederationTokensTest
{
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String USER_POLICY = """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::fed-lake/*"},
             {"Effect":"Allow","Action":"sts:GetFederationToken","Resource":"*"}]}""";
    private static final String READ_ONLY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::fed-lake/*"}]}""";
    private static final String EVERYTHING = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";

    private static TestServer server;
    private static IamClient iam;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        iam = server.iam();
        server.s3().createBucket(request -> request.bucket("fed-lake"));
        server.s3().putObject(request -> request.bucket("fed-lake").key("a.csv"), RequestBody.fromString("a"));
    }

    @AfterAll
    static void stop()
    {
        iam.close();
        server.close();
    }

    private static AccessKey newUser(String policy)
    {
        String name = "fed-user-" + NAMES.incrementAndGet();
        iam.createUser(request -> request.userName(name));
        if (policy != null) {
            iam.putUserPolicy(request -> request.userName(name).policyName("p").policyDocument(policy));
        }
        return iam.createAccessKey(request -> request.userName(name)).accessKey();
    }

    private static StaticCredentialsProvider session(Credentials credentials)
    {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
    }

    private static void assertStatus(Runnable call, int status, String code)
    {
        assertThatThrownBy(call::run).satisfies(e -> {
            software.amazon.awssdk.awscore.exception.AwsServiceException aws = (software.amazon.awssdk.awscore.exception.AwsServiceException) e;
            assertThat(aws.statusCode()).isEqualTo(status);
            assertThat(aws.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    @Test
    void aFederatedUserHasTheIntersectionOfTheUsersPoliciesAndTheSessionPolicy()
    {
        AccessKey key = newUser(USER_POLICY);
        try (StsClient sts = server.sts(server.credentials(key.accessKeyId(), key.secretAccessKey()))) {
            GetFederationTokenResponse readOnly = sts.getFederationToken(request -> request.name("analyst").policy(READ_ONLY).durationSeconds(900));
            assertThat(readOnly.federatedUser().arn()).isEqualTo("arn:aws:sts::" + server.accountId() + ":federated-user/analyst");
            assertThat(readOnly.federatedUser().federatedUserId()).isEqualTo(server.accountId() + ":analyst");
            assertThat(readOnly.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(readOnly.packedPolicySize()).isBetween(1, 100);

            try (S3Client s3 = server.s3(session(readOnly.credentials())); StsClient federated = server.sts(session(readOnly.credentials()))) {
                assertThat(federated.getCallerIdentity().arn()).isEqualTo(readOnly.federatedUser().arn());
                assertThat(s3.getObjectAsBytes(request -> request.bucket("fed-lake").key("a.csv")).asUtf8String()).isEqualTo("a");
                // the user may put, the session policy does not let the federated user
                assertStatus(() -> s3.putObject(request -> request.bucket("fed-lake").key("b.csv"), RequestBody.fromString("b")), 403, "AccessDenied");
                // federation credentials call no STS operation but GetCallerIdentity
                assertStatus(() -> federated.getFederationToken(request -> request.name("again").policy(READ_ONLY)), 403, "AccessDenied");
                assertStatus(() -> federated.assumeRole(request -> request.roleArn("arn:aws:iam::" + server.accountId() + ":role/any").roleSessionName("federated")),
                        403, "AccessDenied");
                try (IamClient federatedIam = IamClient.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                        .credentialsProvider(session(readOnly.credentials())).build()) {
                    assertStatus(federatedIam::listUsers, 403, "InvalidClientTokenId");
                }
            }

            // a session policy that allows everything still gets no more than the user has
            GetFederationTokenResponse broad = sts.getFederationToken(request -> request.name("broad").policy(EVERYTHING));
            try (S3Client s3 = server.s3(session(broad.credentials()))) {
                s3.putObject(request -> request.bucket("fed-lake").key("c.csv"), RequestBody.fromString("c"));
                assertStatus(() -> s3.listObjectsV2(request -> request.bucket("fed-lake")), 403, "AccessDenied");
            }

            // no session policy: no permissions at all
            GetFederationTokenResponse bare = sts.getFederationToken(request -> request.name("bare"));
            try (S3Client s3 = server.s3(session(bare.credentials()))) {
                assertStatus(() -> s3.getObjectAsBytes(request -> request.bucket("fed-lake").key("a.csv")), 403, "AccessDenied");
            }
        }
    }

    @Test
    void federationTokensNeedAUserWithThePermission()
    {
        try (StsClient root = server.sts()) {
            assertStatus(() -> root.getFederationToken(request -> request.name("root-fed").policy(READ_ONLY)), 403, "AccessDenied");
        }
        AccessKey key = newUser(READ_ONLY);
        try (StsClient sts = server.sts(server.credentials(key.accessKeyId(), key.secretAccessKey()))) {
            assertStatus(() -> sts.getFederationToken(request -> request.name("nope").policy(READ_ONLY)), 403, "AccessDenied");
            assertStatus(() -> sts.getFederationToken(request -> request.name("x").policy(READ_ONLY)), 400, "ValidationError");
        }
    }

    @Test
    void sessionTokenCredentialsDoNotCallIam()
    {
        AccessKey key = newUser(USER_POLICY);
        try (StsClient sts = server.sts(server.credentials(key.accessKeyId(), key.secretAccessKey()))) {
            Credentials credentials = sts.getSessionToken().credentials();
            try (S3Client s3 = server.s3(session(credentials));
                    IamClient sessionIam = IamClient.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                            .credentialsProvider(session(credentials)).build()) {
                assertThat(s3.getObjectAsBytes(request -> request.bucket("fed-lake").key("a.csv")).asUtf8String()).isEqualTo("a");
                assertStatus(sessionIam::listUsers, 403, "InvalidClientTokenId");
            }
        }
        try (StsClient root = server.sts()) {
            Credentials credentials = root.getSessionToken().credentials();
            try (IamClient sessionIam = IamClient.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                    .credentialsProvider(session(credentials)).build()) {
                assertStatus(sessionIam::listUsers, 403, "InvalidClientTokenId");
            }
        }
    }

    @Test
    void aNewAccessKeyWorksAtOnce()
    {
        String name = "instant-" + NAMES.incrementAndGet();
        iam.createUser(request -> request.userName(name));
        for (int i = 0; i < 2; i++) {
            AccessKey key = iam.createAccessKey(request -> request.userName(name)).accessKey();
            // the very next request, with no pause: the key is known and signs
            try (StsClient sts = server.sts(server.credentials(key.accessKeyId(), key.secretAccessKey()))) {
                assertThat(sts.getCallerIdentity().arn()).endsWith(":user/" + name);
            }
            iam.deleteAccessKey(request -> request.userName(name).accessKeyId(key.accessKeyId()));
            try (StsClient sts = server.sts(server.credentials(key.accessKeyId(), key.secretAccessKey()))) {
                assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            }
        }
    }

    @Test
    void anAccountHasOneAlias()
    {
        assertThat(iam.listAccountAliases().accountAliases()).isEmpty();
        iam.createAccountAlias(request -> request.accountAlias("tarn-lake"));
        assertThat(iam.listAccountAliases().accountAliases()).containsExactly("tarn-lake");
        iam.createAccountAlias(request -> request.accountAlias("tarn-lake"));
        iam.createAccountAlias(request -> request.accountAlias("tarn-lake-2"));
        assertThat(iam.listAccountAliases().accountAliases()).containsExactly("tarn-lake-2");

        assertThatThrownBy(() -> iam.createAccountAlias(request -> request.accountAlias("Not_Valid"))).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> iam.deleteAccountAlias(request -> request.accountAlias("tarn-lake"))).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
        });
        // a user without the permission
        AccessKey key = newUser(READ_ONLY);
        try (IamClient userIam = IamClient.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                .credentialsProvider(server.credentials(key.accessKeyId(), key.secretAccessKey())).build()) {
            assertStatus(() -> userIam.createAccountAlias(request -> request.accountAlias("stolen")), 403, "AccessDenied");
        }
        iam.deleteAccountAlias(request -> request.accountAlias("tarn-lake-2"));
        assertThat(iam.listAccountAliases().accountAliases()).isEmpty();
    }
}
