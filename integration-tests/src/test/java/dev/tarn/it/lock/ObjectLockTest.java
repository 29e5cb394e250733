package dev.tarn.it.lock;

import dev.tarn.it.RawS3Request;
import dev.tarn.it.TestServer;
import dev.tarn.it.iam.AdjustableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Object lock through the AWS SDK for Java v2: retention modes, legal holds, bypass, and what they refuse. */
class ObjectLockTest
{
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final AdjustableClock clock = new AdjustableClock();
    private static TestServer server;
    private static S3Client s3;
    private static IamClient iam;

    @BeforeAll
    static void start()
    {
        server = TestServer.start(clock);
        s3 = server.s3();
        iam = server.iam();
    }

    @AfterAll
    static void stop()
    {
        iam.close();
        s3.close();
        server.close();
    }

    @AfterEach
    void resetClock()
    {
        clock.reset();
    }

    @Test
    void bucketCreatedWithObjectLockKeepsVersioningOn()
    {
        String bucket = lockedBucket();
        assertThat(s3.getBucketVersioning(r -> r.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        assertThat(s3.getObjectLockConfiguration(r -> r.bucket(bucket)).objectLockConfiguration().objectLockEnabled())
                .isEqualTo(ObjectLockEnabled.ENABLED);
        assertError(() -> s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED))),
                409, "InvalidBucketState");
        assertThat(s3.getBucketVersioning(r -> r.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
    }

    @Test
    void objectLockOnAnExistingBucketNeedsVersioning()
    {
        String bucket = "plain-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
        assertError(() -> s3.getObjectLockConfiguration(r -> r.bucket(bucket)), 404, "ObjectLockConfigurationNotFoundError");
        assertError(() -> setDefault(bucket, ObjectLockRetentionMode.GOVERNANCE, 1), 409, "InvalidBucketState");
        String version = put(bucket, "k");
        assertError(() -> s3.putObjectRetention(r -> r.bucket(bucket).key("k").retention(t -> t.mode(ObjectLockRetentionMode.GOVERNANCE)
                .retainUntilDate(Instant.now().plus(1, ChronoUnit.DAYS)))), 400, "InvalidRequest");
        assertError(() -> s3.putObject(r -> r.bucket(bucket).key("k").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                RequestBody.fromString("x")), 400, "InvalidRequest");
        assertThat(version).isNull();

        s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        setDefault(bucket, ObjectLockRetentionMode.GOVERNANCE, 1);
        String locked = put(bucket, "k");
        assertThat(s3.getObjectRetention(r -> r.bucket(bucket).key("k").versionId(locked)).retention().mode())
                .isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
        // the version written before object lock has no retention and can go
        assertError(() -> s3.getObjectRetention(r -> r.bucket(bucket).key("k").versionId("null")), 404, "NoSuchObjectLockConfiguration");
        s3.deleteObject(r -> r.bucket(bucket).key("k").versionId("null"));
    }

    @Test
    void defaultRetentionAppliesToNewVersionsAndShowsOnHead()
    {
        String bucket = lockedBucket();
        setDefault(bucket, ObjectLockRetentionMode.GOVERNANCE, 3);
        var configuration = s3.getObjectLockConfiguration(r -> r.bucket(bucket)).objectLockConfiguration();
        assertThat(configuration.rule().defaultRetention().mode()).isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
        assertThat(configuration.rule().defaultRetention().days()).isEqualTo(3);

        Instant before = clock.instant();
        String version = put(bucket, "report.csv");
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key("report.csv"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(head.objectLockRetainUntilDate()).isBetween(before.plus(3, ChronoUnit.DAYS).minusSeconds(2), clock.instant().plus(3, ChronoUnit.DAYS));
        assertThat(s3.getObject(r -> r.bucket(bucket).key("report.csv")).response().objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(s3.getObjectRetention(r -> r.bucket(bucket).key("report.csv").versionId(version)).retention().retainUntilDate())
                .isEqualTo(head.objectLockRetainUntilDate());

        // an explicit retention wins over the default
        Instant until = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        s3.putObject(r -> r.bucket(bucket).key("explicit").objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until),
                RequestBody.fromString("x"));
        HeadObjectResponse explicit = s3.headObject(r -> r.bucket(bucket).key("explicit"));
        assertThat(explicit.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(explicit.objectLockRetainUntilDate()).isEqualTo(until);
    }

    @Test
    void governanceNeedsTheBypassHeaderAndThePermission()
    {
        String bucket = lockedBucket();
        String version = putLocked(bucket, "gov", ObjectLockMode.GOVERNANCE, Duration.ofDays(5));

        assertError(() -> s3.deleteObject(r -> r.bucket(bucket).key("gov").versionId(version)), 403, "AccessDenied");
        assertError(() -> s3.putObjectRetention(r -> r.bucket(bucket).key("gov").versionId(version).retention(t -> t.mode(ObjectLockRetentionMode.GOVERNANCE)
                .retainUntilDate(Instant.now().plus(1, ChronoUnit.DAYS)))), 403, "AccessDenied");

        // a user allowed everything but s3:BypassGovernanceRetention asks to bypass in vain
        S3Client withoutBypass = user(bucket, List.of("s3:BypassGovernanceRetention"));
        assertError(() -> withoutBypass.deleteObject(r -> r.bucket(bucket).key("gov").versionId(version).bypassGovernanceRetention(true)),
                403, "AccessDenied");
        assertThat(versionExists(bucket, "gov", version)).isTrue();

        // a user with it may shorten the retention and delete the version
        S3Client withBypass = user(bucket, List.of());
        Instant shorter = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        withBypass.putObjectRetention(r -> r.bucket(bucket).key("gov").versionId(version).bypassGovernanceRetention(true)
                .retention(t -> t.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(shorter)));
        assertThat(s3.getObjectRetention(r -> r.bucket(bucket).key("gov").versionId(version)).retention().retainUntilDate()).isEqualTo(shorter);
        withBypass.deleteObject(r -> r.bucket(bucket).key("gov").versionId(version).bypassGovernanceRetention(true));
        assertThat(versionExists(bucket, "gov", version)).isFalse();
    }

    @Test
    void complianceHoldsEvenForTheRootUserUntilTheDatePasses()
    {
        String bucket = lockedBucket();
        String version = putLocked(bucket, "audit", ObjectLockMode.COMPLIANCE, Duration.ofDays(2));
        Instant until = s3.getObjectRetention(r -> r.bucket(bucket).key("audit").versionId(version)).retention().retainUntilDate();

        assertError(() -> s3.deleteObject(r -> r.bucket(bucket).key("audit").versionId(version).bypassGovernanceRetention(true)), 403, "AccessDenied");
        assertError(() -> s3.putObjectRetention(r -> r.bucket(bucket).key("audit").versionId(version).bypassGovernanceRetention(true)
                .retention(t -> t.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until.minus(1, ChronoUnit.HOURS)))), 403, "AccessDenied");
        assertError(() -> s3.putObjectRetention(r -> r.bucket(bucket).key("audit").versionId(version).bypassGovernanceRetention(true)
                .retention(t -> t.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until.plus(1, ChronoUnit.DAYS)))), 403, "AccessDenied");
        assertError(() -> s3.putObjectRetention(r -> r.bucket(bucket).key("audit").versionId(version).bypassGovernanceRetention(true)
                .retention(t -> { })), 403, "AccessDenied");

        // lengthening is allowed
        Instant longer = until.plus(1, ChronoUnit.DAYS);
        s3.putObjectRetention(r -> r.bucket(bucket).key("audit").versionId(version)
                .retention(t -> t.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(longer)));
        assertThat(s3.getObjectRetention(r -> r.bucket(bucket).key("audit").versionId(version)).retention().retainUntilDate()).isEqualTo(longer);

        // deleting without a version id only adds a delete marker
        var marker = s3.deleteObject(r -> r.bucket(bucket).key("audit"));
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(versionExists(bucket, "audit", version)).isTrue();

        // once the date has passed, the version can go
        clock.advance(Duration.ofDays(4));
        s3.deleteObject(r -> r.bucket(bucket).key("audit").versionId(version));
        assertThat(versionExists(bucket, "audit", version)).isFalse();
    }

    @Test
    void legalHoldBlocksDeletionWhateverTheRetention()
    {
        String bucket = lockedBucket();
        String version = put(bucket, "held");
        assertError(() -> s3.getObjectLegalHold(r -> r.bucket(bucket).key("held").versionId(version)), 404, "NoSuchObjectLockConfiguration");
        s3.putObjectLegalHold(r -> r.bucket(bucket).key("held").versionId(version).legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
        assertThat(s3.getObjectLegalHold(r -> r.bucket(bucket).key("held").versionId(version)).legalHold().status())
                .isEqualTo(ObjectLockLegalHoldStatus.ON);
        assertThat(s3.headObject(r -> r.bucket(bucket).key("held")).objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
        assertError(() -> s3.deleteObject(r -> r.bucket(bucket).key("held").versionId(version).bypassGovernanceRetention(true)), 403, "AccessDenied");

        // a user without s3:PutObjectLegalHold cannot lift it
        S3Client withoutLegalHold = user(bucket, List.of("s3:PutObjectLegalHold"));
        assertError(() -> withoutLegalHold.putObjectLegalHold(r -> r.bucket(bucket).key("held").versionId(version)
                .legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF))), 403, "AccessDenied");

        s3.putObjectLegalHold(r -> r.bucket(bucket).key("held").versionId(version).legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        s3.deleteObject(r -> r.bucket(bucket).key("held").versionId(version));
        assertThat(versionExists(bucket, "held", version)).isFalse();
    }

    @Test
    void deleteObjectsReportsLockedVersionsPerKeyAndHonoursTheBypass()
    {
        String bucket = lockedBucket();
        String governed = putLocked(bucket, "a", ObjectLockMode.GOVERNANCE, Duration.ofDays(1));
        String complied = putLocked(bucket, "b", ObjectLockMode.COMPLIANCE, Duration.ofDays(1));
        String free = put(bucket, "c");
        List<ObjectIdentifier> all = List.of(id("a", governed), id("b", complied), id("c", free));

        DeleteObjectsResponse first = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(all)));
        assertThat(first.deleted()).extracting(deleted -> deleted.key()).containsExactly("c");
        assertThat(first.errors()).extracting(error -> error.key() + ":" + error.code()).containsExactlyInAnyOrder("a:AccessDenied", "b:AccessDenied");

        DeleteObjectsResponse bypassed = s3.deleteObjects(r -> r.bucket(bucket).bypassGovernanceRetention(true)
                .delete(d -> d.objects(id("a", governed), id("b", complied))));
        assertThat(bypassed.deleted()).extracting(deleted -> deleted.key()).containsExactly("a");
        assertThat(bypassed.errors()).extracting(error -> error.key() + ":" + error.code()).containsExactly("b:AccessDenied");
        assertThat(versionExists(bucket, "b", complied)).isTrue();
    }

    @Test
    void multipartUploadsAndCopiesCarryTheirLockHeaders()
    {
        String bucket = lockedBucket();
        Instant until = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String upload = s3.createMultipartUpload(r -> r.bucket(bucket).key("mp").objectLockMode(ObjectLockMode.COMPLIANCE)
                .objectLockRetainUntilDate(until).objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)).uploadId();
        String etag = s3.uploadPart(r -> r.bucket(bucket).key("mp").uploadId(upload).partNumber(1), RequestBody.fromString("part")).eTag();
        String version = s3.completeMultipartUpload(r -> r.bucket(bucket).key("mp").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).versionId();
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key("mp").versionId(version));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(head.objectLockRetainUntilDate()).isEqualTo(until);
        assertThat(head.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);

        String copy = s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("mp").destinationBucket(bucket).destinationKey("copy")
                .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(until)).versionId();
        HeadObjectResponse copied = s3.headObject(r -> r.bucket(bucket).key("copy").versionId(copy));
        assertThat(copied.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(copied.objectLockLegalHoldStatus()).isNull();
        assertError(() -> s3.deleteObject(r -> r.bucket(bucket).key("copy").versionId(copy)), 403, "AccessDenied");
    }

    @Test
    void badRetentionsAreRefusedAndChangeNothing()
    {
        String bucket = lockedBucket();
        assertError(() -> s3.putObject(r -> r.bucket(bucket).key("past").objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(Instant.now().minus(1, ChronoUnit.DAYS)), RequestBody.fromString("x")), 400, "InvalidArgument");
        assertError(() -> s3.headObject(r -> r.bucket(bucket).key("past")), 404, null);
        assertError(() -> s3.putObjectLockConfiguration(r -> r.bucket(bucket).objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(rule -> rule.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(0))))), 400, "InvalidArgument");
        assertError(() -> s3.putObjectLockConfiguration(r -> r.bucket(bucket).objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(rule -> rule.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1).years(1))))), 400, "MalformedXML");
        assertThat(s3.getObjectLockConfiguration(r -> r.bucket(bucket)).objectLockConfiguration().rule()).isNull();

        // S3 requires an integrity header on PutObjectRetention; a request without one changes nothing
        String version = put(bucket, "k");
        byte[] body = ("<Retention xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Mode>GOVERNANCE</Mode><RetainUntilDate>"
                + Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "</RetainUntilDate></Retention>").getBytes(StandardCharsets.UTF_8);
        RawS3Request.Response response = RawS3Request.send(server, "PUT", "/" + bucket + "/k?retention&versionId=" + version, body, body.length);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>InvalidRequest</Code>").contains("Content-MD5");
        assertError(() -> s3.getObjectRetention(r -> r.bucket(bucket).key("k").versionId(version)), 404, "NoSuchObjectLockConfiguration");
    }

    private static String lockedBucket()
    {
        String bucket = "locked-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket).objectLockEnabledForBucket(true));
        return bucket;
    }

    private static void setDefault(String bucket, ObjectLockRetentionMode mode, int days)
    {
        s3.putObjectLockConfiguration(r -> r.bucket(bucket).objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(rule -> rule.defaultRetention(d -> d.mode(mode).days(days)))));
    }

    private static String put(String bucket, String key)
    {
        return s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("content of " + key)).versionId();
    }

    private static String putLocked(String bucket, String key, ObjectLockMode mode, Duration retention)
    {
        Instant until = clock.instant().plus(retention).truncatedTo(ChronoUnit.SECONDS);
        return s3.putObject(r -> r.bucket(bucket).key(key).objectLockMode(mode).objectLockRetainUntilDate(until),
                RequestBody.fromString("content of " + key)).versionId();
    }

    private static boolean versionExists(String bucket, String key, String version)
    {
        return s3.listObjectVersions(r -> r.bucket(bucket).prefix(key)).versions().stream()
                .anyMatch(v -> v.key().equals(key) && v.versionId().equals(version));
    }

    private static ObjectIdentifier id(String key, String version)
    {
        return ObjectIdentifier.builder().key(key).versionId(version).build();
    }

    /** An IAM user allowed every S3 action on the bucket except {@code denied}. */
    private static S3Client user(String bucket, List<String> denied)
    {
        String name = "locker-" + USERS.incrementAndGet();
        iam.createUser(r -> r.userName(name));
        AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
        String notAction = denied.isEmpty() ? "" : """
                ,{"Effect": "Deny", "Action": [%s], "Resource": "*"}""".formatted(String.join(",", denied.stream().map(a -> "\"" + a + "\"").toList()));
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::%s", "arn:aws:s3:::%s/*"]}%s
                ]}""".formatted(bucket, bucket, notAction);
        iam.putUserPolicy(r -> r.userName(name).policyName("bucket").policyDocument(policy));
        return server.s3(server.credentials(key.accessKeyId(), key.secretAccessKey()));
    }

    private static void assertError(Runnable call, int status, String code)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            if (code != null) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            }
        });
    }
}
