package dev.tarn.it.s3;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bucket policies, anonymous access, Block Public Access, ownership and ACL answers, through the SDK and plain HTTP. */
class SecurityTest
{
    private static TestServer server;
    private static S3Client s3;
    private static HttpClient http;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        s3 = server.s3();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop()
    {
        s3.close();
        server.close();
    }

    @Test
    void bucketPolicyLifecycle()
    {
        String bucket = bucket("policy");
        assertError(() -> s3.getBucketPolicy(request -> request.bucket(bucket)), 404, "NoSuchBucketPolicy");
        assertError(() -> s3.deleteBucketPolicy(request -> request.bucket(bucket)), 404, "NoSuchBucketPolicy");
        assertError(() -> s3.getBucketPolicyStatus(request -> request.bucket(bucket)), 404, "NoSuchBucketPolicy");

        String policy = accountOnlyPolicy(bucket);
        s3.putBucketPolicy(request -> request.bucket(bucket).policy(policy).confirmRemoveSelfBucketAccess(false));
        assertThat(s3.getBucketPolicy(request -> request.bucket(bucket)).policy()).isEqualTo(policy);
        assertThat(s3.getBucketPolicyStatus(request -> request.bucket(bucket)).policyStatus().isPublic()).isFalse();

        s3.putBucketPolicy(request -> request.bucket(bucket).policy(publicReadPolicy(bucket)));
        assertThat(s3.getBucketPolicyStatus(request -> request.bucket(bucket)).policyStatus().isPublic()).isTrue();

        s3.deleteBucketPolicy(request -> request.bucket(bucket));
        assertError(() -> s3.getBucketPolicy(request -> request.bucket(bucket)), 404, "NoSuchBucketPolicy");
    }

    @Test
    void malformedPoliciesAreRefused()
    {
        String bucket = bucket("malformed");
        assertError(() -> s3.putBucketPolicy(request -> request.bucket(bucket).policy("not json")), 400, "MalformedPolicy");
        assertError(() -> s3.putBucketPolicy(request -> request.bucket(bucket).policy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}")),
                400, "MalformedPolicy");
        assertError(() -> s3.putBucketPolicy(request -> request.bucket(bucket).policy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::other-bucket/*\"}]}")),
                400, "MalformedPolicy");
        assertError(() -> s3.putBucketPolicy(request -> request.bucket(bucket).policy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"iam:GetUser\",\"Resource\":\"arn:aws:s3:::" + bucket + "\"}]}")),
                400, "MalformedPolicy");
        assertError(() -> s3.getBucketPolicy(request -> request.bucket(bucket)), 404, "NoSuchBucketPolicy");
    }

    @Test
    void publicPolicyLetsAnonymousReadUntilBlocked()
            throws Exception
    {
        String bucket = bucket("public");
        s3.putObject(request -> request.bucket(bucket).key("hello.txt"), RequestBody.fromString("hello, world"));
        assertThat(anonymousGet(bucket, "hello.txt").statusCode()).isEqualTo(403);

        s3.putBucketPolicy(request -> request.bucket(bucket).policy(publicReadPolicy(bucket)));
        HttpResponse<String> read = anonymousGet(bucket, "hello.txt");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("hello, world");
        // the policy grants reads only: listing and writing stay denied
        assertThat(anonymous("GET", "/" + bucket).statusCode()).isEqualTo(403);
        assertThat(anonymous("PUT", "/" + bucket + "/new.txt").statusCode()).isEqualTo(403);

        s3.putPublicAccessBlock(request -> request.bucket(bucket).publicAccessBlockConfiguration(block -> block.restrictPublicBuckets(true)));
        HttpResponse<String> restricted = anonymousGet(bucket, "hello.txt");
        assertThat(restricted.statusCode()).isEqualTo(403);
        assertThat(restricted.body()).contains("<Code>AccessDenied</Code>");
        // the owner is unaffected
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("hello.txt")).asUtf8String()).isEqualTo("hello, world");

        s3.putPublicAccessBlock(request -> request.bucket(bucket).publicAccessBlockConfiguration(block -> block.blockPublicPolicy(true)));
        assertThat(anonymousGet(bucket, "hello.txt").statusCode()).isEqualTo(200);
        s3.deleteBucketPolicy(request -> request.bucket(bucket));
        S3Exception blocked = assertError(() -> s3.putBucketPolicy(request -> request.bucket(bucket).policy(publicReadPolicy(bucket))), 403, "AccessDenied");
        assertThat(blocked.awsErrorDetails().errorMessage()).contains("BlockPublicPolicy");
        // a policy that is not public is still accepted
        s3.putBucketPolicy(request -> request.bucket(bucket).policy(accountOnlyPolicy(bucket)));
        assertThat(anonymousGet(bucket, "hello.txt").statusCode()).isEqualTo(403);
    }

    @Test
    void bucketPublicAccessBlockLifecycle()
    {
        String bucket = bucket("pab");
        assertError(() -> s3.getPublicAccessBlock(request -> request.bucket(bucket)), 404, "NoSuchPublicAccessBlockConfiguration");
        s3.putPublicAccessBlock(request -> request.bucket(bucket).publicAccessBlockConfiguration(block -> block.blockPublicAcls(true).blockPublicPolicy(true)));
        var configuration = s3.getPublicAccessBlock(request -> request.bucket(bucket)).publicAccessBlockConfiguration();
        assertThat(configuration.blockPublicAcls()).isTrue();
        assertThat(configuration.blockPublicPolicy()).isTrue();
        assertThat(configuration.ignorePublicAcls()).isFalse();
        assertThat(configuration.restrictPublicBuckets()).isFalse();
        s3.deletePublicAccessBlock(request -> request.bucket(bucket));
        assertError(() -> s3.getPublicAccessBlock(request -> request.bucket(bucket)), 404, "NoSuchPublicAccessBlockConfiguration");
    }

    @Test
    void accountPublicAccessBlockAppliesToEveryBucket()
            throws Exception
    {
        String bucket = bucket("account-pab");
        s3.putObject(request -> request.bucket(bucket).key("a"), RequestBody.fromString("a"));
        s3.putBucketPolicy(request -> request.bucket(bucket).policy(publicReadPolicy(bucket)));
        assertThat(anonymousGet(bucket, "a").statusCode()).isEqualTo(200);
        try (S3ControlClient control = control()) {
            String account = server.accountId();
            assertThatThrownBy(() -> control.getPublicAccessBlock(request -> request.accountId(account)))
                    .isInstanceOfSatisfying(S3ControlException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchPublicAccessBlockConfiguration");
                    });
            control.putPublicAccessBlock(request -> request.accountId(account)
                    .publicAccessBlockConfiguration(block -> block.restrictPublicBuckets(true).blockPublicPolicy(true)));
            var stored = control.getPublicAccessBlock(request -> request.accountId(account)).publicAccessBlockConfiguration();
            assertThat(stored.restrictPublicBuckets()).isTrue();
            assertThat(stored.blockPublicPolicy()).isTrue();
            assertThat(stored.blockPublicAcls()).isFalse();

            assertThat(anonymousGet(bucket, "a").statusCode()).isEqualTo(403);
            assertError(() -> s3.putBucketPolicy(request -> request.bucket(bucket).policy(publicReadPolicy(bucket))), 403, "AccessDenied");

            control.deletePublicAccessBlock(request -> request.accountId(account));
            assertThat(anonymousGet(bucket, "a").statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> control.getPublicAccessBlock(request -> request.accountId("999999999999")))
                    .isInstanceOfSatisfying(S3ControlException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void anonymousRequestsToOtherServicesAreDenied()
            throws Exception
    {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/?Action=ListBuckets"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        // an anonymous S3 request for something no policy grants
        assertThat(anonymous("GET", "/").statusCode()).isEqualTo(403);
    }

    @Test
    void ownershipIsEnforcedAndAclsAnswerTheOwner()
    {
        String bucket = bucket("owner");
        assertThat(s3.getBucketOwnershipControls(request -> request.bucket(bucket)).ownershipControls().rules())
                .extracting(rule -> rule.objectOwnershipAsString()).containsExactly("BucketOwnerEnforced");
        var acl = s3.getBucketAcl(request -> request.bucket(bucket));
        assertThat(acl.owner().id()).isNotBlank();
        assertThat(acl.grants()).singleElement().satisfies(grant -> {
            assertThat(grant.permissionAsString()).isEqualTo("FULL_CONTROL");
            assertThat(grant.grantee().id()).isEqualTo(acl.owner().id());
        });
        s3.putObject(request -> request.bucket(bucket).key("k").acl("bucket-owner-full-control"), RequestBody.fromString("v"));
        assertError(() -> s3.putObject(request -> request.bucket(bucket).key("k").acl("public-read"), RequestBody.fromString("v")), 400,
                "AccessControlListNotSupported");
        assertError(() -> s3.putBucketAcl(request -> request.bucket(bucket).acl("public-read")), 400, "AccessControlListNotSupported");
        assertError(() -> s3.putObjectAcl(request -> request.bucket(bucket).key("k").acl("public-read-write")), 400, "AccessControlListNotSupported");
        assertThat(s3.getObjectAcl(request -> request.bucket(bucket).key("k")).grants()).singleElement()
                .satisfies(grant -> assertThat(grant.permissionAsString()).isEqualTo("FULL_CONTROL"));

        s3.putBucketOwnershipControls(request -> request.bucket(bucket).ownershipControls(controls -> controls.rules(rule -> rule.objectOwnership("ObjectWriter"))));
        assertThat(s3.getBucketOwnershipControls(request -> request.bucket(bucket)).ownershipControls().rules().get(0).objectOwnershipAsString())
                .isEqualTo("ObjectWriter");
        s3.deleteBucketOwnershipControls(request -> request.bucket(bucket));
        assertError(() -> s3.getBucketOwnershipControls(request -> request.bucket(bucket)), 404, "OwnershipControlsNotFoundError");

        String name = "acl-" + UUID.randomUUID().toString().substring(0, 8);
        assertError(() -> s3.createBucket(request -> request.bucket(name).acl("public-read")), 400, "InvalidBucketAclWithObjectOwnership");
    }

    @Test
    void defaultEncryptionConfiguration()
    {
        String bucket = bucket("encryption");
        var initial = s3.getBucketEncryption(request -> request.bucket(bucket)).serverSideEncryptionConfiguration().rules();
        assertThat(initial).singleElement().satisfies(rule -> assertThat(rule.applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("AES256"));
        s3.putBucketEncryption(request -> request.bucket(bucket).serverSideEncryptionConfiguration(configuration -> configuration.rules(rule -> rule
                .applyServerSideEncryptionByDefault(defaults -> defaults.sseAlgorithm("aws:kms").kmsMasterKeyID("alias/data")).bucketKeyEnabled(true))));
        var stored = s3.getBucketEncryption(request -> request.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0);
        assertThat(stored.applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("aws:kms");
        assertThat(stored.applyServerSideEncryptionByDefault().kmsMasterKeyID()).isEqualTo("alias/data");
        assertThat(stored.bucketKeyEnabled()).isTrue();
        assertError(() -> s3.putBucketEncryption(request -> request.bucket(bucket).serverSideEncryptionConfiguration(configuration -> configuration.rules(rule -> rule
                .applyServerSideEncryptionByDefault(defaults -> defaults.sseAlgorithm("AES256").kmsMasterKeyID("alias/data"))))), 400, "InvalidArgument");
        s3.deleteBucketEncryption(request -> request.bucket(bucket));
        assertThat(s3.getBucketEncryption(request -> request.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0)
                .applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("AES256");
    }

    private S3ControlClient control()
    {
        // S3 Control puts the account id in front of the host name: ACCOUNT.localhost
        return S3ControlClient.builder()
                .endpointOverride(URI.create("http://localhost:" + server.endpoint().getPort()))
                .region(TestServer.REGION)
                .credentialsProvider(server.credentials())
                .httpClient(ApacheHttpClient.builder().dnsResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()}).build())
                .build();
    }

    static String publicReadPolicy(String bucket)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicRead\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
    }

    private static String accountOnlyPolicy(String bucket)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"" + server.accountId() + "\"}}}]}";
    }

    private static HttpResponse<String> anonymousGet(String bucket, String key)
            throws IOException, InterruptedException
    {
        return anonymous("GET", "/" + bucket + "/" + key);
    }

    private static HttpResponse<String> anonymous(String method, String path)
            throws IOException, InterruptedException
    {
        HttpRequest.BodyPublisher body = method.equals("PUT") ? HttpRequest.BodyPublishers.ofString("x") : HttpRequest.BodyPublishers.noBody();
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path)).method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String bucket(String prefix)
    {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(request -> request.bucket(name));
        return name;
    }

    static S3Exception assertError(Executable call, int status, String code)
    {
        try {
            call.execute();
        }
        catch (S3Exception e) {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            return e;
        }
        catch (Throwable e) {
            throw new AssertionError("expected " + code + ", got " + e, e);
        }
        throw new AssertionError("expected " + code + ", the call succeeded");
    }
}
