package dev.tarn.it.iam;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every S3 operation is denied to a user without permission and allowed with exactly the IAM
 * actions AWS documents for it, on the resource it names.
 */
class S3PermissionMatrixTest
{
    private static final String BUCKET = "matrix";
    private static final String OBJECTS = "arn:aws:s3:::" + BUCKET + "/*";
    private static final String BUCKET_ARN = "arn:aws:s3:::" + BUCKET;
    private static final AtomicInteger USERS = new AtomicInteger();

    static TestServer server;
    static IamClient iam;
    static S3Client admin;
    static String versionId;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        iam = server.iam();
        admin = server.s3();
        admin.createBucket(request -> request.bucket(BUCKET));
        admin.putBucketVersioning(request -> request.bucket(BUCKET).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        versionId = admin.putObject(request -> request.bucket(BUCKET).key("k"), RequestBody.fromString("v")).versionId();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    /**
     * @param setUp what the administrator does first (creates what the operation needs), returning nothing
     */
    record Case(String operation, List<String> actions, String resource, Consumer<S3Client> setUp, Consumer<S3Client> call) {}

    static Case of(String operation, String action, String resource, Consumer<S3Client> call)
    {
        return new Case(operation, List.of(action), resource, s3 -> {}, call);
    }

    static List<Case> cases()
    {
        return List.of(
                of("ListBuckets", "s3:ListAllMyBuckets", "*", S3Client::listBuckets),
                of("CreateBucket", "s3:CreateBucket", "arn:aws:s3:::created-by-user", s3 -> s3.createBucket(r -> r.bucket("created-by-user"))),
                of("HeadBucket", "s3:ListBucket", BUCKET_ARN, s3 -> s3.headBucket(r -> r.bucket(BUCKET))),
                of("GetBucketLocation", "s3:GetBucketLocation", BUCKET_ARN, s3 -> s3.getBucketLocation(r -> r.bucket(BUCKET))),
                new Case("DeleteBucket", List.of("s3:DeleteBucket"), "arn:aws:s3:::doomed", s3 -> s3.createBucket(r -> r.bucket("doomed")),
                        s3 -> s3.deleteBucket(r -> r.bucket("doomed"))),
                of("ListObjectsV2", "s3:ListBucket", BUCKET_ARN, s3 -> s3.listObjectsV2(r -> r.bucket(BUCKET))),
                of("ListObjects", "s3:ListBucket", BUCKET_ARN, s3 -> s3.listObjects(r -> r.bucket(BUCKET))),
                of("ListObjectVersions", "s3:ListBucketVersions", BUCKET_ARN, s3 -> s3.listObjectVersions(r -> r.bucket(BUCKET))),
                of("ListMultipartUploads", "s3:ListBucketMultipartUploads", BUCKET_ARN, s3 -> s3.listMultipartUploads(r -> r.bucket(BUCKET))),
                of("GetBucketVersioning", "s3:GetBucketVersioning", BUCKET_ARN, s3 -> s3.getBucketVersioning(r -> r.bucket(BUCKET))),
                of("PutBucketVersioning", "s3:PutBucketVersioning", BUCKET_ARN, s3 -> s3.putBucketVersioning(r -> r.bucket(BUCKET)
                        .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)))),
                of("PutBucketTagging", "s3:PutBucketTagging", BUCKET_ARN, s3 -> s3.putBucketTagging(r -> r.bucket(BUCKET)
                        .tagging(t -> t.tagSet(Tag.builder().key("a").value("b").build())))),
                new Case("GetBucketTagging", List.of("s3:GetBucketTagging"), BUCKET_ARN,
                        s3 -> s3.putBucketTagging(r -> r.bucket(BUCKET).tagging(t -> t.tagSet(Tag.builder().key("a").value("b").build()))),
                        s3 -> s3.getBucketTagging(r -> r.bucket(BUCKET))),
                of("DeleteBucketTagging", "s3:PutBucketTagging", BUCKET_ARN, s3 -> s3.deleteBucketTagging(r -> r.bucket(BUCKET))),
                of("PutObject", "s3:PutObject", OBJECTS, s3 -> s3.putObject(r -> r.bucket(BUCKET).key("put"), RequestBody.fromString("x"))),
                of("GetObject", "s3:GetObject", OBJECTS, s3 -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("k"))),
                of("GetObject (version)", "s3:GetObjectVersion", OBJECTS, s3 -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("k").versionId(versionId))),
                of("HeadObject", "s3:GetObject", OBJECTS, s3 -> s3.headObject(r -> r.bucket(BUCKET).key("k"))),
                new Case("CopyObject", List.of("s3:GetObject", "s3:PutObject"), OBJECTS, s3 -> {},
                        s3 -> s3.copyObject(r -> r.sourceBucket(BUCKET).sourceKey("k").destinationBucket(BUCKET).destinationKey("copy"))),
                new Case("DeleteObject", List.of("s3:DeleteObject"), OBJECTS, s3 -> s3.putObject(r -> r.bucket(BUCKET).key("del"), RequestBody.fromString("x")),
                        s3 -> s3.deleteObject(r -> r.bucket(BUCKET).key("del"))),
                new Case("DeleteObject (version)", List.of("s3:DeleteObjectVersion"), OBJECTS, s3 -> {},
                        s3 -> s3.deleteObject(r -> r.bucket(BUCKET).key("gone").versionId("no-such-version"))),
                of("PutObjectTagging", "s3:PutObjectTagging", OBJECTS, s3 -> s3.putObjectTagging(r -> r.bucket(BUCKET).key("k")
                        .tagging(t -> t.tagSet(Tag.builder().key("a").value("b").build())))),
                of("GetObjectTagging", "s3:GetObjectTagging", OBJECTS, s3 -> s3.getObjectTagging(r -> r.bucket(BUCKET).key("k"))),
                of("DeleteObjectTagging", "s3:DeleteObjectTagging", OBJECTS, s3 -> s3.deleteObjectTagging(r -> r.bucket(BUCKET).key("k"))),
                of("Multipart upload", "s3:PutObject", OBJECTS, s3 -> {
                    String upload = s3.createMultipartUpload(r -> r.bucket(BUCKET).key("mp")).uploadId();
                    String etag = s3.uploadPart(r -> r.bucket(BUCKET).key("mp").uploadId(upload).partNumber(1), RequestBody.fromString("part")).eTag();
                    s3.completeMultipartUpload(r -> r.bucket(BUCKET).key("mp").uploadId(upload)
                            .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
                }),
                new Case("AbortMultipartUpload", List.of("s3:AbortMultipartUpload"), OBJECTS, s3 -> {}, s3 -> {
                    String upload = admin.createMultipartUpload(r -> r.bucket(BUCKET).key("ab")).uploadId();
                    s3.abortMultipartUpload(r -> r.bucket(BUCKET).key("ab").uploadId(upload));
                }),
                new Case("ListParts", List.of("s3:ListMultipartUploadParts"), OBJECTS, s3 -> {}, s3 -> {
                    String upload = admin.createMultipartUpload(r -> r.bucket(BUCKET).key("lp")).uploadId();
                    s3.listParts(r -> r.bucket(BUCKET).key("lp").uploadId(upload));
                }));
    }

    @TestFactory
    Stream<DynamicTest> deniedWithoutAndAllowedWithExactlyTheDocumentedActions()
    {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.operation() + " needs " + c.actions(), () -> check(c)));
    }

    private static void check(Case c)
    {
        String user = "matrix-" + USERS.incrementAndGet();
        iam.createUser(r -> r.userName(user));
        AccessKey key = iam.createAccessKey(r -> r.userName(user)).accessKey();
        S3Client s3 = server.s3(server.credentials(key.accessKeyId(), key.secretAccessKey()));
        c.setUp().accept(admin);

        // everything but the documented actions is not enough
        iam.putUserPolicy(r -> r.userName(user).policyName("everything-else").policyDocument(policy(List.of("s3:*"), c.resource(), c.actions())));
        assertThatThrownBy(() -> c.call().accept(s3)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            if (!c.operation().startsWith("Head")) {
                // HEAD responses have no body: the status is all there is
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(e.awsErrorDetails().errorMessage()).contains(c.actions().size() == 1 ? c.actions().get(0) : "s3:");
            }
        });

        iam.deleteUserPolicy(r -> r.userName(user).policyName("everything-else"));
        iam.putUserPolicy(r -> r.userName(user).policyName("exactly").policyDocument(policy(c.actions(), c.resource(), List.of())));
        try {
            c.call().accept(s3);
        }
        catch (AwsServiceException e) {
            // an operation may fail for reasons of its own (a version that doesn't exist), never for access
            if (e.statusCode() == 403) {
                throw e;
            }
        }
    }

    /** Allows {@code actions} on the resource (and the bucket for bucket-level actions), except {@code except}. */
    private static String policy(List<String> actions, String resource, List<String> except)
    {
        String resources = resource.equals("*") ? "\"*\"" : "[\"" + resource + "\",\"" + BUCKET_ARN + "\",\"arn:aws:s3:::*\"]";
        String allow = "{\"Effect\":\"Allow\",\"Action\":" + json(actions) + ",\"Resource\":" + resources + "}";
        String deny = except.isEmpty() ? "" : ",{\"Effect\":\"Deny\",\"Action\":" + json(except) + ",\"Resource\":\"*\"}";
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + allow + deny + "]}";
    }

    private static String json(List<String> values)
    {
        return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
