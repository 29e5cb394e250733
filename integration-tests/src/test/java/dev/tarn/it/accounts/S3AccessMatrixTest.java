package dev.tarn.it.accounts;

import dev.tarn.it.TestServer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Each main S3 operation tried by the bucket owner, by another account without a grant, with a
 * grant by bucket policy, with a grant by ACL, and anonymously, against S3's answers (status and
 * error code; HEAD answers have no body, so only their status). The other account's caller is an
 * IAM user whose own policy allows s3:*, so what the bucket grants decides. DeleteObjects answers
 * 200 with an error per key; its row shows the first key's error.
 */
class S3AccessMatrixTest
{
    private static final S3Calls OK = S3Calls.OK;
    private static final S3Calls DENIED = S3Calls.error(403, "AccessDenied");
    private static final S3Calls HEAD_DENIED = S3Calls.error(403, "");
    private static final S3Calls ACLS_DISABLED = S3Calls.error(400, "AccessControlListNotSupported");

    private static TestServer server;
    private static S3Client owner;
    private static TestAccount partner;
    private static S3Client partnerUser;
    private static String ownerId;
    private static String partnerId;
    private static String noGrant;
    private static String policyGrant;
    private static String aclGrant;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        owner = server.s3();
        partner = TestAccount.create(server, "matrix-partner", Optional.empty());
        partnerUser = server.s3(TestAccount.user(server.iam(partner.root()), "s3-admin", Optional.of("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""")));
        ownerId = owner.listBuckets().owner().id();
        partnerId = server.s3(partner.root()).listBuckets().owner().id();

        noGrant = bucket("no-grant", ObjectOwnership.BUCKET_OWNER_ENFORCED);
        policyGrant = bucket("policy-grant", ObjectOwnership.BUCKET_OWNER_ENFORCED);
        owner.putBucketPolicy(request -> request.bucket(policyGrant).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"s3:*",
                 "Resource":["arn:aws:s3:::%s","arn:aws:s3:::%s/*"]}]}""".formatted(partner.accountId(), policyGrant, policyGrant)));
        aclGrant = bucket("acl-grant", ObjectOwnership.OBJECT_WRITER);
        owner.putBucketAcl(request -> request.bucket(aclGrant).grantFullControl(bothAccounts()));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static String bucket(String prefix, ObjectOwnership ownership)
    {
        return TestAccount.createBucket(owner, prefix, ownership);
    }

    private static String bothAccounts()
    {
        return "id=\"" + ownerId + "\", id=\"" + partnerId + "\"";
    }

    /** The objects the operations work on, written again by the owner before each row (the partner may read them where the ACL bucket grants it). */
    private static void prepare(String bucket)
    {
        for (String key : new String[] {"obj", "victim", "batch-victim"}) {
            boolean acls = bucket.equals(aclGrant);
            owner.putObject(request -> {
                request.bucket(bucket).key(key);
                if (acls) {
                    request.grantFullControl(bothAccounts());
                }
            }, RequestBody.fromString("data"));
        }
        owner.putObjectTagging(request -> request.bucket(bucket).key("obj").tagging(tagging -> tagging.tagSet(tag -> tag.key("k").value("v"))));
    }

    private static Map<String, BiConsumer<S3Client, String>> operations()
    {
        Map<String, BiConsumer<S3Client, String>> operations = new LinkedHashMap<>();
        operations.put("ListBuckets", (s3, bucket) -> s3.listBuckets());
        operations.put("HeadBucket", (s3, bucket) -> s3.headBucket(request -> request.bucket(bucket)));
        operations.put("ListObjectsV2", (s3, bucket) -> s3.listObjectsV2(request -> request.bucket(bucket).fetchOwner(true)));
        operations.put("PutObject", (s3, bucket) -> s3.putObject(request -> request.bucket(bucket).key("new"), RequestBody.fromString("n")));
        operations.put("GetObject", (s3, bucket) -> s3.getObjectAsBytes(request -> request.bucket(bucket).key("obj")));
        operations.put("HeadObject", (s3, bucket) -> s3.headObject(request -> request.bucket(bucket).key("obj")));
        operations.put("CopyObject", (s3, bucket) -> s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("obj").destinationBucket(bucket).destinationKey("copy")));
        operations.put("DeleteObject", (s3, bucket) -> s3.deleteObject(request -> request.bucket(bucket).key("victim")));
        operations.put("DeleteObjects", (s3, bucket) -> {
            DeleteObjectsResponse response = s3.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete.objects(ObjectIdentifier.builder().key("batch-victim").build())));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw (S3Exception) S3Exception.builder().statusCode(403)
                        .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().errorCode(response.errors().get(0).code()).build()).build();
            }
        });
        operations.put("MultipartUpload", (s3, bucket) -> {
            String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key("mp")).uploadId();
            String etag = s3.uploadPart(request -> request.bucket(bucket).key("mp").uploadId(uploadId).partNumber(1), RequestBody.fromString("part")).eTag();
            s3.completeMultipartUpload(request -> request.bucket(bucket).key("mp").uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        });
        operations.put("GetBucketAcl", (s3, bucket) -> s3.getBucketAcl(request -> request.bucket(bucket)));
        operations.put("PutBucketAcl", (s3, bucket) -> s3.putBucketAcl(request -> request.bucket(bucket).grantFullControl(bothAccounts())));
        operations.put("GetObjectAcl", (s3, bucket) -> s3.getObjectAcl(request -> request.bucket(bucket).key("obj")));
        operations.put("PutObjectAcl", (s3, bucket) -> s3.putObjectAcl(request -> request.bucket(bucket).key("obj").grantFullControl(bothAccounts())));
        operations.put("GetBucketPolicy", (s3, bucket) -> s3.getBucketPolicy(request -> request.bucket(bucket)));
        operations.put("GetObjectTagging", (s3, bucket) -> s3.getObjectTagging(request -> request.bucket(bucket).key("obj")));
        operations.put("PutObjectTagging", (s3, bucket) -> s3.putObjectTagging(request -> request.bucket(bucket).key("obj")
                .tagging(tagging -> tagging.tagSet(tag -> tag.key("k").value("w")))));
        return operations;
    }

    private record Row(String who, S3Client client, String bucket, S3Calls otherwise, Map<String, S3Calls> answers) {}

    @Test
    void everyOperationAnswersAsS3Does()
    {
        Row ownerRow = new Row("owner", owner, noGrant, OK, Map.of(
                "PutBucketAcl", ACLS_DISABLED,
                "PutObjectAcl", ACLS_DISABLED,
                "GetBucketPolicy", S3Calls.error(404, "NoSuchBucketPolicy")));
        Row ownerAclRow = new Row("owner, ACL bucket", owner, aclGrant, OK, Map.of(
                "GetBucketPolicy", S3Calls.error(404, "NoSuchBucketPolicy")));
        Row withoutGrant = new Row("other account, no grant", partnerUser, noGrant, DENIED, Map.of(
                "ListBuckets", OK,
                "HeadBucket", HEAD_DENIED,
                "HeadObject", HEAD_DENIED));
        Row byPolicy = new Row("other account, bucket policy", partnerUser, policyGrant, OK, Map.of(
                "PutBucketAcl", ACLS_DISABLED,
                "PutObjectAcl", ACLS_DISABLED,
                "GetBucketPolicy", S3Calls.error(405, "MethodNotAllowed")));
        Row byAcl = new Row("other account, ACL FULL_CONTROL", partnerUser, aclGrant, OK, Map.of(
                "GetBucketPolicy", DENIED,
                "GetObjectTagging", DENIED,
                "PutObjectTagging", DENIED));
        Row anonymousRow = new Row("anonymous", server.s3(AnonymousCredentialsProvider.create()), noGrant, DENIED, Map.of(
                "HeadBucket", HEAD_DENIED,
                "HeadObject", HEAD_DENIED));

        SoftAssertions softly = new SoftAssertions();
        for (Row row : new Row[] {ownerRow, ownerAclRow, withoutGrant, byPolicy, byAcl, anonymousRow}) {
            prepare(row.bucket());
            operations().forEach((operation, call) -> {
                S3Calls expected = row.answers().getOrDefault(operation, row.otherwise());
                S3Calls actual = S3Calls.of(() -> call.accept(row.client(), row.bucket()));
                S3Calls compared = expected.code().isEmpty() ? new S3Calls(actual.status(), "") : actual;
                softly.assertThat(compared).as(row.who() + " / " + operation).isEqualTo(expected);
            });
        }
        softly.assertAll();
    }
}
