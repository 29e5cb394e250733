package dev.tarn.it.lifecycle;

import dev.tarn.it.TestServer;
import dev.tarn.it.iam.AdjustableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lifecycle rules through the AWS SDK for Java v2, carried out by the server's scheduler: the
 * test moves the server's clock on and runs a pass, then looks at the bucket through the API.
 */
class LifecycleTest
{
    private static final AdjustableClock clock = new AdjustableClock();
    private static TestServer server;
    private static S3Client s3;

    @BeforeAll
    static void start()
    {
        server = TestServer.start(clock);
        s3 = server.s3();
    }

    @AfterAll
    static void stop()
    {
        s3.close();
        server.close();
    }

    @AfterEach
    void resetClock()
    {
        clock.reset();
    }

    @Test
    void configurationRoundTripsAndBadOnesChangeNothing()
    {
        String bucket = bucket(false);
        assertError(() -> s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket)), 404, "NoSuchLifecycleConfiguration");
        s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("raw").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("raw/")).expiration(e -> e.days(7)).build(),
                LifecycleRule.builder().status(ExpirationStatus.DISABLED)
                        .filter(f -> f.and(a -> a.prefix("logs/").tags(Tag.builder().key("tier").value("cold").build()).objectSizeGreaterThan(10L)))
                        .transitions(t -> t.days(30).storageClass(TransitionStorageClass.GLACIER))
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(2)).build())));
        List<LifecycleRule> rules = s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket)).rules();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).id()).isEqualTo("raw");
        assertThat(rules.get(0).filter().prefix()).isEqualTo("raw/");
        assertThat(rules.get(0).expiration().days()).isEqualTo(7);
        assertThat(rules.get(1).id()).isNotBlank();
        assertThat(rules.get(1).status()).isEqualTo(ExpirationStatus.DISABLED);
        assertThat(rules.get(1).filter().and().tags()).extracting(Tag::key).containsExactly("tier");
        assertThat(rules.get(1).transitions().get(0).storageClass()).isEqualTo(TransitionStorageClass.GLACIER);

        assertError(() -> s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("bad").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("x")).expiration(e -> e.days(0)).build()))),
                400, "InvalidArgument");
        assertThat(s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket)).rules()).hasSize(2);

        s3.deleteBucketLifecycle(r -> r.bucket(bucket));
        assertError(() -> s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket)), 404, "NoSuchLifecycleConfiguration");
    }

    @Test
    void landingZoneExpiresRawFilesAndReportsWhen()
            throws IOException
    {
        String bucket = bucket(false);
        expireAfter(bucket, "raw/", 3);
        var put = s3.putObject(r -> r.bucket(bucket).key("raw/2026/a.json"), RequestBody.fromString("{}"));
        assertThat(put.expiration()).contains("rule-id=\"landing\"").contains("expiry-date=\"");
        s3.putObject(r -> r.bucket(bucket).key("raw/2026/b.json"), RequestBody.fromString("{}"));
        s3.putObject(r -> r.bucket(bucket).key("curated/a.parquet"), RequestBody.fromString("kept"));
        assertThat(s3.headObject(r -> r.bucket(bucket).key("raw/2026/a.json")).expiration()).isEqualTo(put.expiration());
        assertThat(s3.headObject(r -> r.bucket(bucket).key("curated/a.parquet")).expiration()).isNull();

        clock.advance(Duration.ofDays(2));
        server.lifecycle().runOnce();
        assertThat(keys(bucket)).contains("raw/2026/a.json", "raw/2026/b.json");

        clock.advance(Duration.ofDays(2));
        server.lifecycle().runOnce();
        assertThat(keys(bucket)).containsExactly("curated/a.parquet");
        String log = Files.readString(server.dataDir().resolve("lifecycle").resolve("lifecycle.log"));
        assertThat(log).contains("\"bucket\":\"" + bucket + "\"").contains("\"key\":\"raw/2026/a.json\"").contains("\"action\":\"expire-current\"");
    }

    @Test
    void versionedBucketsGetDeleteMarkersThenLoseNoncurrentVersionsAndTheMarkers()
    {
        String bucket = bucket(true);
        s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("current").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("")).expiration(e -> e.days(2)).build(),
                LifecycleRule.builder().id("old").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(1)).build(),
                LifecycleRule.builder().id("markers").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
                        .expiration(e -> e.expiredObjectDeleteMarker(true)).build())));
        String first = s3.putObject(r -> r.bucket(bucket).key("doc"), RequestBody.fromString("1")).versionId();

        clock.advance(Duration.ofDays(3));
        server.lifecycle().runOnce();
        List<ObjectVersion> versions = s3.listObjectVersions(r -> r.bucket(bucket)).versions();
        assertThat(versions).extracting(ObjectVersion::versionId).containsExactly(first);
        assertThat(s3.listObjectVersions(r -> r.bucket(bucket)).deleteMarkers()).hasSize(1).allMatch(marker -> marker.isLatest());
        assertError(() -> s3.headObject(r -> r.bucket(bucket).key("doc")), 404, null);

        clock.advance(Duration.ofDays(2));
        server.lifecycle().runOnce();
        var listing = s3.listObjectVersions(r -> r.bucket(bucket));
        assertThat(listing.versions()).isEmpty();
        assertThat(listing.deleteMarkers()).isEmpty();
    }

    @Test
    void noncurrentExpirationKeepsNewerVersionsAndNeverLockedOnes()
    {
        String bucket = "lock-lifecycle-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket).objectLockEnabledForBucket(true));
        s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("keep-two").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(1).newerNoncurrentVersions(1)).build())));
        String v1 = s3.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("1")).versionId();
        String v2 = s3.putObject(r -> r.bucket(bucket).key("k").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                RequestBody.fromString("2")).versionId();
        String v3 = s3.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("3")).versionId();
        String v4 = s3.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("4")).versionId();

        clock.advance(Duration.ofDays(3));
        server.lifecycle().runOnce();
        // v4 is current, v3 the one newer noncurrent version kept, v2 under legal hold, v1 gone
        assertThat(s3.listObjectVersions(r -> r.bucket(bucket)).versions()).extracting(ObjectVersion::versionId).containsExactly(v4, v3, v2);
        assertThat(v1).isNotIn(v2, v3, v4);
    }

    @Test
    void transitionsChangeTheStorageClassAndArchivedObjectsNeedARestore()
    {
        String bucket = bucket(false);
        s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("archive").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("cold/"))
                        .transitions(t -> t.days(1).storageClass(TransitionStorageClass.GLACIER)).build())));
        s3.putObject(r -> r.bucket(bucket).key("cold/x"), RequestBody.fromString("frozen"));
        s3.putObject(r -> r.bucket(bucket).key("warm/x"), RequestBody.fromString("warm"));

        clock.advance(Duration.ofDays(2));
        server.lifecycle().runOnce();
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(S3Object::key, object -> object.storageClassAsString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cold/x", "GLACIER"), org.assertj.core.groups.Tuple.tuple("warm/x", "STANDARD"));
        assertThat(s3.headObject(r -> r.bucket(bucket).key("cold/x")).storageClass()).isEqualTo(StorageClass.GLACIER);
        assertError(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("cold/x")), 403, "InvalidObjectState");
        s3.restoreObject(r -> r.bucket(bucket).key("cold/x").restoreRequest(q -> q.days(1)));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("cold/x")).asUtf8String()).isEqualTo("frozen");
    }

    @Test
    void incompleteUploadsAreAborted()
    {
        String bucket = bucket(false);
        s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("uploads").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("tmp/"))
                        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1)).build())));
        String stale = s3.createMultipartUpload(r -> r.bucket(bucket).key("tmp/big")).uploadId();
        s3.uploadPart(r -> r.bucket(bucket).key("tmp/big").uploadId(stale).partNumber(1), RequestBody.fromString("part"));
        String elsewhere = s3.createMultipartUpload(r -> r.bucket(bucket).key("keep/big")).uploadId();

        clock.advance(Duration.ofDays(2));
        server.lifecycle().runOnce();
        assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).extracting(upload -> upload.uploadId()).containsExactly(elsewhere);
    }

    @Test
    void rulesSurviveARestartAndWhatFellDueMeanwhileIsDone()
    {
        String bucket = bucket(false);
        expireAfter(bucket, "", 1);
        s3.putObject(r -> r.bucket(bucket).key("a"), RequestBody.fromString("a"));
        server.restart();
        try (S3Client after = server.s3()) {
            assertThat(after.getBucketLifecycleConfiguration(r -> r.bucket(bucket)).rules()).extracting(LifecycleRule::id).containsExactly("landing");
            clock.advance(Duration.ofDays(2));
            server.lifecycle().runOnce();
            assertThat(after.listObjectsV2(r -> r.bucket(bucket)).contents()).isEmpty();
        }
        s3 = server.s3();
    }

    private static void expireAfter(String bucket, String prefix, int days)
    {
        s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket).lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(
                LifecycleRule.builder().id("landing").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(prefix)).expiration(e -> e.days(days)).build())
                .build()));
    }

    private static String bucket(boolean versioned)
    {
        String bucket = "lifecycle-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
        if (versioned) {
            s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        return bucket;
    }

    private static List<String> keys(String bucket)
    {
        return s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList();
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
