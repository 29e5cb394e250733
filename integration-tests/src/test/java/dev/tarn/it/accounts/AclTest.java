package dev.tarn.it.accounts;

import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.tarn.it.accounts.S3Calls.assertDenied;
import static dev.tarn.it.accounts.S3Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** ACLs and Object Ownership through the SDK and the aws CLI: canned ACLs, grants by id, email and group, enforcement, Block Public Access. */
class AclTest
{
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    private static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    private static TestServer server;
    private static S3Client owner;
    private static S3Client anonymous;
    private static TestAccount other;
    private static S3Client otherRoot;
    private static String otherCanonicalId;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        owner = server.s3();
        anonymous = server.s3(AnonymousCredentialsProvider.create());
        other = TestAccount.create(server, "acl-other", Optional.of("other@example.com"));
        otherRoot = server.s3(other.root());
        otherCanonicalId = otherRoot.listBuckets().owner().id();
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

    private static String ownerId()
    {
        return owner.listBuckets().owner().id();
    }

    @Test
    void cannedAclsGrantWhatS3Defines()
    {
        String bucket = bucket("canned", ObjectOwnership.OBJECT_WRITER);
        record Expected(ObjectCannedACL acl, List<String> grants) {}
        String me = "id:" + ownerId();
        List<Expected> cases = List.of(
                new Expected(ObjectCannedACL.PRIVATE, List.of(me + " FULL_CONTROL")),
                new Expected(ObjectCannedACL.PUBLIC_READ, List.of(me + " FULL_CONTROL", "uri:" + ALL_USERS + " READ")),
                new Expected(ObjectCannedACL.PUBLIC_READ_WRITE, List.of(me + " FULL_CONTROL", "uri:" + ALL_USERS + " READ", "uri:" + ALL_USERS + " WRITE")),
                new Expected(ObjectCannedACL.AUTHENTICATED_READ, List.of(me + " FULL_CONTROL", "uri:" + AUTHENTICATED_USERS + " READ")),
                new Expected(ObjectCannedACL.BUCKET_OWNER_READ, List.of(me + " FULL_CONTROL")),
                new Expected(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL, List.of(me + " FULL_CONTROL")));
        for (Expected expected : cases) {
            String key = "k-" + expected.acl();
            owner.putObject(request -> request.bucket(bucket).key(key).acl(expected.acl()), RequestBody.fromString("v"));
            assertThat(grants(owner.getObjectAcl(request -> request.bucket(bucket).key(key)))).as(expected.acl().toString())
                    .containsExactlyInAnyOrderElementsOf(expected.grants());
        }
        // the bucket ACL: log-delivery-write on CreateBucket
        String logs = "logs-" + UUID.randomUUID().toString().substring(0, 8);
        owner.createBucket(request -> request.bucket(logs).objectOwnership(ObjectOwnership.OBJECT_WRITER).acl("log-delivery-write"));
        assertThat(owner.getBucketAcl(request -> request.bucket(logs)).grants()).extracting(AclTest::describe)
                .containsExactlyInAnyOrder(me + " FULL_CONTROL", "uri:" + LOG_DELIVERY + " WRITE", "uri:" + LOG_DELIVERY + " READ_ACP");
        assertError(() -> owner.putObject(request -> request.bucket(bucket).key("bad").acl("no-such-acl"), RequestBody.fromString("v")), 400, "InvalidArgument");
    }

    @Test
    void publicReadLetsAnonymousReadAndPrivateDoesNot()
    {
        String bucket = bucket("public", ObjectOwnership.OBJECT_WRITER);
        owner.putObject(request -> request.bucket(bucket).key("open").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("open"));
        owner.putObject(request -> request.bucket(bucket).key("closed"), RequestBody.fromString("closed"));
        assertThat(anonymous.getObjectAsBytes(request -> request.bucket(bucket).key("open")).asUtf8String()).isEqualTo("open");
        assertDenied(() -> anonymous.getObjectAsBytes(request -> request.bucket(bucket).key("closed")));
        // an object ACL grants reads of the object, not listing the bucket
        assertDenied(() -> anonymous.listObjectsV2(request -> request.bucket(bucket)));

        // authenticated-read: any signed caller of any account, not the anonymous one
        owner.putObject(request -> request.bucket(bucket).key("signed").acl(ObjectCannedACL.AUTHENTICATED_READ), RequestBody.fromString("s"));
        assertThat(otherRoot.getObjectAsBytes(request -> request.bucket(bucket).key("signed")).asUtf8String()).isEqualTo("s");
        assertDenied(() -> anonymous.getObjectAsBytes(request -> request.bucket(bucket).key("signed")));

        // public-read on the bucket lets anyone list it
        owner.putBucketAcl(request -> request.bucket(bucket).acl("public-read"));
        assertThat(anonymous.listObjectsV2(request -> request.bucket(bucket)).contents()).hasSize(3);
    }

    @Test
    void grantsByEmailAndCanonicalIdNameTheAccount()
    {
        String bucket = bucket("grants", ObjectOwnership.BUCKET_OWNER_PREFERRED);
        owner.putObject(request -> request.bucket(bucket).key("shared"), RequestBody.fromString("shared"));
        assertDenied(() -> otherRoot.getObjectAsBytes(request -> request.bucket(bucket).key("shared")));

        owner.putObjectAcl(request -> request.bucket(bucket).key("shared").grantRead("emailAddress=\"Other@Example.com\""));
        GetObjectAclResponse acl = owner.getObjectAcl(request -> request.bucket(bucket).key("shared"));
        assertThat(grants(acl)).containsExactly("id:" + otherCanonicalId + " READ");
        assertThat(acl.grants().get(0).grantee().displayName()).isEqualTo("account-" + other.accountId());
        assertThat(otherRoot.getObjectAsBytes(request -> request.bucket(bucket).key("shared")).asUtf8String()).isEqualTo("shared");
        // READ is not READ_ACP
        assertDenied(() -> otherRoot.getObjectAcl(request -> request.bucket(bucket).key("shared")));

        // a user of the other account needs its own identity policy too (cross-account: both sides)
        StaticCredentialsProvider bare = TestAccount.user(server.iam(other.root()), "acl-bare", Optional.empty());
        StaticCredentialsProvider reader = TestAccount.user(server.iam(other.root()), "acl-reader", Optional.of("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""));
        assertDenied(() -> server.s3(bare).getObjectAsBytes(request -> request.bucket(bucket).key("shared")));
        assertThat(server.s3(reader).getObjectAsBytes(request -> request.bucket(bucket).key("shared")).asUtf8String()).isEqualTo("shared");

        // grants in a body, by canonical id
        owner.putBucketAcl(request -> request.bucket(bucket).accessControlPolicy(policy -> policy
                .owner(o -> o.id(ownerId()))
                .grants(Grant.builder().grantee(g -> g.type(Type.CANONICAL_USER).id(ownerId())).permission(Permission.FULL_CONTROL).build(),
                        Grant.builder().grantee(g -> g.type(Type.CANONICAL_USER).id(otherCanonicalId)).permission(Permission.WRITE).build())));
        assertThat(owner.getBucketAcl(request -> request.bucket(bucket)).grants()).extracting(AclTest::describe)
                .containsExactlyInAnyOrder("id:" + ownerId() + " FULL_CONTROL", "id:" + otherCanonicalId + " WRITE");
        // BucketOwnerPreferred: with bucket-owner-full-control the bucket owner owns the object, otherwise the writer
        otherRoot.putObject(request -> request.bucket(bucket).key("theirs"), RequestBody.fromString("t"));
        otherRoot.putObject(request -> request.bucket(bucket).key("ours").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL), RequestBody.fromString("o"));
        var listed = owner.listObjectsV2(request -> request.bucket(bucket).fetchOwner(true)).contents();
        assertThat(listed).filteredOn(object -> object.key().equals("theirs")).singleElement().satisfies(object -> assertThat(object.owner().id()).isEqualTo(otherCanonicalId));
        assertThat(listed).filteredOn(object -> object.key().equals("ours")).singleElement().satisfies(object -> assertThat(object.owner().id()).isEqualTo(ownerId()));
        // WRITE is not READ
        assertDenied(() -> otherRoot.listObjectsV2(request -> request.bucket(bucket)));

        assertError(() -> owner.putObjectAcl(request -> request.bucket(bucket).key("shared").grantRead("emailAddress=\"nobody@example.com\"")),
                400, "UnresolvableGrantByEmailAddress");
        assertError(() -> owner.putObjectAcl(request -> request.bucket(bucket).key("shared").grantRead("id=\"" + "0".repeat(64) + "\"")), 400, "InvalidArgument");
        assertError(() -> owner.putObjectAcl(request -> request.bucket(bucket).key("shared").grantRead("uri=\"http://example.com/group\"")), 400, "InvalidArgument");
        // a failed put changed nothing
        assertThat(grants(owner.getObjectAcl(request -> request.bucket(bucket).key("shared")))).containsExactly("id:" + otherCanonicalId + " READ");
    }

    @Test
    void objectWriterOwnsWhatItWritesIntoAnotherAccountsBucket()
    {
        String bucket = bucket("writer", ObjectOwnership.OBJECT_WRITER);
        owner.putBucketAcl(request -> request.bucket(bucket).grantWrite("id=\"" + otherCanonicalId + "\"").grantFullControl("id=\"" + ownerId() + "\""));
        otherRoot.putObject(request -> request.bucket(bucket).key("from-other"), RequestBody.fromString("x"));
        assertThat(otherRoot.getObjectAcl(request -> request.bucket(bucket).key("from-other")).owner().id()).isEqualTo(otherCanonicalId);
        var versions = owner.listObjectVersions(request -> request.bucket(bucket)).versions();
        assertThat(versions).singleElement().satisfies(version -> assertThat(version.owner().id()).isEqualTo(otherCanonicalId));
        var upload = otherRoot.createMultipartUpload(request -> request.bucket(bucket).key("mp"));
        var uploads = owner.listMultipartUploads(request -> request.bucket(bucket)).uploads();
        assertThat(uploads).singleElement().satisfies(listed -> {
            assertThat(listed.owner().id()).isEqualTo(otherCanonicalId);
            assertThat(listed.initiator().id()).isEqualTo(otherCanonicalId);
        });
        otherRoot.abortMultipartUpload(request -> request.bucket(bucket).key("mp").uploadId(upload.uploadId()));
    }

    @Test
    void bucketOwnerEnforcedIsTheDefaultAndRefusesAcls()
    {
        String bucket = "enforced-" + UUID.randomUUID().toString().substring(0, 8);
        owner.createBucket(request -> request.bucket(bucket));
        assertThat(owner.getBucketOwnershipControls(request -> request.bucket(bucket)).ownershipControls().rules().get(0).objectOwnershipAsString())
                .isEqualTo("BucketOwnerEnforced");
        assertError(() -> owner.putObject(request -> request.bucket(bucket).key("k").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("v")),
                400, "AccessControlListNotSupported");
        assertError(() -> owner.putBucketAcl(request -> request.bucket(bucket).grantRead("id=\"" + otherCanonicalId + "\"")), 400, "AccessControlListNotSupported");
        owner.putObject(request -> request.bucket(bucket).key("k").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL), RequestBody.fromString("v"));
        // switching to ObjectWriter enables ACLs, and back disables them again (grants then count for nothing)
        owner.putBucketOwnershipControls(request -> request.bucket(bucket).ownershipControls(c -> c.rules(r -> r.objectOwnership(ObjectOwnership.OBJECT_WRITER))));
        owner.putObjectAcl(request -> request.bucket(bucket).key("k").acl(ObjectCannedACL.PUBLIC_READ));
        assertThat(anonymous.getObjectAsBytes(request -> request.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        owner.putBucketOwnershipControls(request -> request.bucket(bucket).ownershipControls(c -> c.rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
        assertDenied(() -> anonymous.getObjectAsBytes(request -> request.bucket(bucket).key("k")));
    }

    @Test
    void blockAndIgnorePublicAcls()
    {
        String bucket = bucket("blocked", ObjectOwnership.OBJECT_WRITER);
        owner.putObject(request -> request.bucket(bucket).key("open").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("open"));
        owner.putPublicAccessBlock(request -> request.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)));
        assertDenied(() -> owner.putObject(request -> request.bucket(bucket).key("new").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("v")));
        assertDenied(() -> owner.putObjectAcl(request -> request.bucket(bucket).key("open").grantRead("uri=\"" + ALL_USERS + "\"")));
        assertDenied(() -> owner.putBucketAcl(request -> request.bucket(bucket).acl("public-read")));
        // BlockPublicAcls leaves existing public ACLs in force
        assertThat(anonymous.getObjectAsBytes(request -> request.bucket(bucket).key("open")).asUtf8String()).isEqualTo("open");
        owner.putPublicAccessBlock(request -> request.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true).ignorePublicAcls(true)));
        assertDenied(() -> anonymous.getObjectAsBytes(request -> request.bucket(bucket).key("open")));
        // private ACLs are still accepted
        owner.putObject(request -> request.bucket(bucket).key("private").acl(ObjectCannedACL.PRIVATE), RequestBody.fromString("v"));
    }

    @Test
    void installationDefaultObjectWriterEnablesAclsForNewBuckets()
    {
        try (TestServer legacy = TestServer.start(config -> config.withDefaultObjectOwnership("ObjectWriter"))) {
            S3Client s3 = legacy.s3();
            s3.createBucket(request -> request.bucket("legacy-tools"));
            assertThat(s3.getBucketOwnershipControls(request -> request.bucket("legacy-tools")).ownershipControls().rules().get(0).objectOwnershipAsString())
                    .isEqualTo("ObjectWriter");
            s3.putObject(request -> request.bucket("legacy-tools").key("k").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("v"));
            assertThat(legacy.s3(AnonymousCredentialsProvider.create()).getObjectAsBytes(request -> request.bucket("legacy-tools").key("k")).asUtf8String())
                    .isEqualTo("v");
            // a bucket can still ask for the modern setting
            s3.createBucket(request -> request.bucket("modern").objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED));
            assertError(() -> s3.putObject(request -> request.bucket("modern").key("k").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("v")),
                    400, "AccessControlListNotSupported");
        }
    }

    @Test
    void awsCliPutsAndReadsAcls(@TempDir Path work)
            throws Exception
    {
        String bucket = bucket("cli", ObjectOwnership.OBJECT_WRITER);
        AwsCli cli = AwsCli.forDataDir(server.dataDir(), work);
        Path body = Files.writeString(work.resolve("body.txt"), "cli");
        cli.ok("s3api", "put-object", "--bucket", bucket, "--key", "k", "--acl", "public-read", "--body", body.toString());
        String grants = cli.ok("s3api", "get-object-acl", "--bucket", bucket, "--key", "k", "--query", "Grants[].Grantee.URI", "--output", "text");
        assertThat(grants).contains(ALL_USERS);
        cli.ok("s3api", "put-object-acl", "--bucket", bucket, "--key", "k", "--grant-read", "emailaddress=other@example.com");
        assertThat(cli.ok("s3api", "get-object-acl", "--bucket", bucket, "--key", "k", "--query", "Grants[].Grantee.ID", "--output", "text"))
                .contains(otherCanonicalId);
        // the other account, with the CLI: allowed by the grant, denied elsewhere
        AwsCli asOther = cli.withKeys(other.root().resolveCredentials().accessKeyId(), other.root().resolveCredentials().secretAccessKey());
        asOther.ok("s3api", "head-object", "--bucket", bucket, "--key", "k");
        var denied = asOther.run("s3api", "get-object-acl", "--bucket", bucket, "--key", "k");
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.stderr()).contains("AccessDenied");
        var unsupported = cli.run("s3api", "put-object", "--bucket", bucket("cli-enforced", ObjectOwnership.BUCKET_OWNER_ENFORCED), "--key", "k", "--acl", "public-read");
        assertThat(unsupported.stderr()).contains("AccessControlListNotSupported");
    }

    private static List<String> grants(GetObjectAclResponse acl)
    {
        return acl.grants().stream().map(AclTest::describe).toList();
    }

    private static String describe(Grant grant)
    {
        String who = grant.grantee().uri() != null ? "uri:" + grant.grantee().uri() : "id:" + grant.grantee().id();
        return who + " " + grant.permissionAsString();
    }
}
