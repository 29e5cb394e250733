package dev.tarn.it.accounts;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;

import java.util.Optional;

import static dev.tarn.it.accounts.S3Calls.assertDenied;
import static dev.tarn.it.accounts.S3Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects another account writes into a bucket with ACLs enabled belong to the writer, and S3
 * decides reads of them in the object owner's context: the bucket owner reads such an object only
 * when its ACL grants the bucket owner (bucket-owner-read, bucket-owner-full-control), yet may
 * always delete it; the bucket policy can still deny, but cannot grant.
 */
class ObjectOwnerContextTest
{
    private static TestServer server;
    private static S3Client owner;
    private static S3Client ownerAdmin;
    private static TestAccount writer;
    private static S3Client writerRoot;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        owner = server.s3();
        ownerAdmin = server.s3(TestAccount.user(server.iam(), "owner-admin", Optional.of(TestAccount.allowAll())));
        writer = TestAccount.create(server, "object-writer", Optional.empty());
        writerRoot = server.s3(writer.root());
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    /** A bucket of the owner whose policy lets the writer's account put objects (and, if given, adds a statement). */
    private static String sharedBucket(String prefix, ObjectOwnership ownership, String extraStatement)
    {
        String bucket = TestAccount.createBucket(owner, prefix, ownership);
        owner.putBucketPolicy(request -> request.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":["s3:PutObject","s3:GetObject"],
                 "Resource":"arn:aws:s3:::%s/*"}%s]}""".formatted(writer.accountId(), bucket, extraStatement.replace("BUCKET", bucket))));
        return bucket;
    }

    private static void write(String bucket, String key, Optional<ObjectCannedACL> acl)
    {
        writerRoot.putObject(request -> request.bucket(bucket).key(key).acl(acl.orElse(null)), RequestBody.fromString("written by " + key));
    }

    private static String read(S3Client client, String bucket, String key)
    {
        return client.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asUtf8String();
    }

    @Test
    void bucketOwnerCannotReadAPrivateObjectAnotherAccountWroteButCanDeleteIt()
    {
        String bucket = sharedBucket("writer-owned", ObjectOwnership.OBJECT_WRITER, "");
        write(bucket, "private", Optional.empty());
        assertThat(read(writerRoot, bucket, "private")).isEqualTo("written by private");
        assertDenied(() -> read(owner, bucket, "private"));
        assertDenied(() -> read(ownerAdmin, bucket, "private"));
        // HEAD answers carry no body, so only the status
        assertError(() -> owner.headObject(request -> request.bucket(bucket).key("private")), 403, "");
        assertDenied(() -> owner.getObjectAcl(request -> request.bucket(bucket).key("private")));
        assertDenied(() -> owner.putObjectAcl(request -> request.bucket(bucket).key("private").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL)));
        // the bucket owner may delete whatever is in its bucket
        owner.deleteObject(request -> request.bucket(bucket).key("private"));
        assertThat(owner.listObjectsV2(request -> request.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void theObjectAclDecidesWhatTheBucketOwnerMayDo()
    {
        String bucket = sharedBucket("granted", ObjectOwnership.OBJECT_WRITER, "");
        write(bucket, "read-only", Optional.of(ObjectCannedACL.BUCKET_OWNER_READ));
        assertThat(read(owner, bucket, "read-only")).isEqualTo("written by read-only");
        assertThat(read(ownerAdmin, bucket, "read-only")).isEqualTo("written by read-only");
        // READ is not READ_ACP nor WRITE_ACP
        assertDenied(() -> owner.getObjectAcl(request -> request.bucket(bucket).key("read-only")));
        assertDenied(() -> owner.putObjectAcl(request -> request.bucket(bucket).key("read-only").acl(ObjectCannedACL.PUBLIC_READ)));

        write(bucket, "full", Optional.of(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL));
        assertThat(read(owner, bucket, "full")).isEqualTo("written by full");
        assertThat(owner.getObjectAcl(request -> request.bucket(bucket).key("full")).owner().id())
                .isEqualTo(writerRoot.listBuckets().owner().id());

        // the writer can take the grant back
        writerRoot.putObjectAcl(request -> request.bucket(bucket).key("full").acl(ObjectCannedACL.PRIVATE));
        assertDenied(() -> read(owner, bucket, "full"));
    }

    @Test
    void bucketOwnerPreferredOwnsOnlyObjectsWrittenWithBucketOwnerFullControl()
    {
        String bucket = sharedBucket("preferred", ObjectOwnership.BUCKET_OWNER_PREFERRED, "");
        write(bucket, "handed-over", Optional.of(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL));
        write(bucket, "kept", Optional.empty());
        assertThat(read(owner, bucket, "handed-over")).isEqualTo("written by handed-over");
        assertThat(owner.getObjectAcl(request -> request.bucket(bucket).key("handed-over")).owner().id()).isEqualTo(owner.listBuckets().owner().id());
        assertDenied(() -> read(owner, bucket, "kept"));
    }

    @Test
    void bucketPolicyCanDenyTheObjectOwnerButNotGrantTheBucketOwner()
    {
        String denyWriterReads = """
                ,{"Effect":"Deny","Principal":{"AWS":"%s"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/denied/*"}""".formatted(writer.accountId());
        String bucket = sharedBucket("denying", ObjectOwnership.OBJECT_WRITER, denyWriterReads);
        write(bucket, "denied/file", Optional.empty());
        write(bucket, "open/file", Optional.empty());
        assertDenied(() -> read(writerRoot, bucket, "denied/file"));
        assertThat(read(writerRoot, bucket, "open/file")).isEqualTo("written by open/file");

        // a policy statement allowing the owner's user everything on the bucket's objects does not reach objects of another account
        StaticCredentialsProvider reader = TestAccount.user(server.iam(), "policy-reader", Optional.empty());
        String allowReader = """
                ,{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/policy-reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}"""
                .formatted(ownerAccountId());
        String granting = sharedBucket("granting", ObjectOwnership.OBJECT_WRITER, allowReader);
        write(granting, "writer-owned", Optional.empty());
        owner.putObject(request -> request.bucket(granting).key("owner-owned"), RequestBody.fromString("mine"));
        S3Client readerClient = server.s3(reader);
        assertThat(read(readerClient, granting, "owner-owned")).isEqualTo("mine");
        assertDenied(() -> read(readerClient, granting, "writer-owned"));
    }

    private static String ownerAccountId()
    {
        return server.sts().getCallerIdentity().account();
    }
}
