package dev.tarn.it.accounts;

import dev.tarn.it.TestServer;
import dev.tarn.it.browser.BrowserForm;
import dev.tarn.it.browser.PresignedPost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.tarn.it.accounts.S3Calls.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

/** The acl field of a browser POST upload goes through the same ACL and Object Ownership rules as PutObject's x-amz-acl. */
class PostUploadAclTest
{
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final byte[] FILE = "uploaded from a form\n".getBytes(StandardCharsets.UTF_8);

    private static TestServer server;
    private static S3Client owner;
    private static S3Client anonymous;
    private static HttpClient http;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        owner = server.s3();
        anonymous = server.s3(AnonymousCredentialsProvider.create());
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static HttpResponse<String> post(String bucket, String key, String acl)
            throws Exception
    {
        AwsCredentials credentials = server.credentials().resolveCredentials();
        PresignedPost post = PresignedPost.generate(server.endpoint(), TestServer.REGION.id(), credentials.accessKeyId(), credentials.secretAccessKey(),
                bucket, key, Map.of("acl", acl), List.of(Map.of("acl", acl)), 300);
        return http.send(new BrowserForm(post.fields()).request(post.url(), Optional.of("file.txt"), FILE), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aclFieldIsStoredAndEnforcedWhenAclsAreEnabled()
            throws Exception
    {
        String bucket = TestAccount.createBucket(owner, "post-acl", ObjectOwnership.OBJECT_WRITER);
        assertThat(post(bucket, "public.txt", "public-read").statusCode()).isEqualTo(204);
        assertThat(post(bucket, "private.txt", "private").statusCode()).isEqualTo(204);
        assertThat(owner.getObjectAcl(request -> request.bucket(bucket).key("public.txt")).grants()).extracting(Grant::grantee)
                .anySatisfy(grantee -> assertThat(grantee.uri()).isEqualTo(ALL_USERS));
        assertThat(anonymous.getObjectAsBytes(request -> request.bucket(bucket).key("public.txt")).asByteArray()).isEqualTo(FILE);
        assertDenied(() -> anonymous.getObjectAsBytes(request -> request.bucket(bucket).key("private.txt")));

        HttpResponse<String> unknown = post(bucket, "bad.txt", "no-such-acl");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("<Code>InvalidArgument</Code>");
    }

    @Test
    void aclFieldUnderBucketOwnerEnforcedIsRefusedExceptBucketOwnerFullControl()
            throws Exception
    {
        String bucket = TestAccount.createBucket(owner, "post-enforced", ObjectOwnership.BUCKET_OWNER_ENFORCED);
        HttpResponse<String> refused = post(bucket, "public.txt", "public-read");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("<Code>AccessControlListNotSupported</Code>").contains("<Message>The bucket does not allow ACLs</Message>");
        assertThat(owner.listObjectsV2(request -> request.bucket(bucket)).contents()).as("nothing stored after a refused upload").isEmpty();

        assertThat(post(bucket, "handed-over.txt", "bucket-owner-full-control").statusCode()).isEqualTo(204);
        assertThat(owner.getObjectAsBytes(request -> request.bucket(bucket).key("handed-over.txt")).asByteArray()).isEqualTo(FILE);
    }

    @Test
    void publicAclFieldIsDeniedUnderBlockPublicAcls()
            throws Exception
    {
        String bucket = TestAccount.createBucket(owner, "post-blocked", ObjectOwnership.OBJECT_WRITER);
        owner.putPublicAccessBlock(request -> request.bucket(bucket).publicAccessBlockConfiguration(block -> block.blockPublicAcls(true)));
        HttpResponse<String> refused = post(bucket, "public.txt", "public-read");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>AccessDenied</Code>");
        assertThat(owner.listObjectsV2(request -> request.bucket(bucket)).contents()).isEmpty();
    }
}
