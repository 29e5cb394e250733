package dev.tarn.it.s3;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versions and delete markers end to end through the AWS SDK for Java v2. */
class VersioningTest
{
    private static TestServer server;
    private static S3Client s3;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        s3 = server.s3();
        ObjectsTest.assumeBucketOperations(() -> bucket(BucketVersioningStatus.ENABLED));
    }

    @AfterAll
    static void stop()
    {
        s3.close();
        server.close();
    }

    @Test
    void versionsAndDeleteMarkers()
    {
        String bucket = bucket(BucketVersioningStatus.ENABLED);
        String v1 = put(bucket, "doc", "first");
        String v2 = put(bucket, "doc", "second");
        assertThat(v1).isNotEqualTo("null").isNotEqualTo(v2);
        assertThat(get(bucket, "doc", null)).isEqualTo("second");
        assertThat(get(bucket, "doc", v1)).isEqualTo("first");
        assertThat(s3.headObject(request -> request.bucket(bucket).key("doc")).versionId()).isEqualTo(v2);

        DeleteObjectResponse marker = s3.deleteObject(request -> request.bucket(bucket).key("doc"));
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(marker.versionId()).isNotIn(v1, v2);
        assertThatThrownBy(() -> get(bucket, "doc", null)).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.headObject(request -> request.bucket(bucket).key("doc").versionId(marker.versionId())))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(405));
        assertThat(get(bucket, "doc", v2)).isEqualTo("second");

        DeleteObjectResponse unmarked = s3.deleteObject(request -> request.bucket(bucket).key("doc").versionId(marker.versionId()));
        assertThat(unmarked.deleteMarker()).isTrue();
        assertThat(unmarked.versionId()).isEqualTo(marker.versionId());
        assertThat(get(bucket, "doc", null)).isEqualTo("second");

        DeleteObjectResponse removed = s3.deleteObject(request -> request.bucket(bucket).key("doc").versionId(v2));
        assertThat(removed.versionId()).isEqualTo(v2);
        assertThat(get(bucket, "doc", null)).isEqualTo("first");
        assertThatThrownBy(() -> get(bucket, "doc", v2))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchVersion"));

        // copying an older version onto its own key makes it the latest again
        String v3 = put(bucket, "doc", "third");
        String restored = s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("doc").sourceVersionId(v1)
                .destinationBucket(bucket).destinationKey("doc")).versionId();
        assertThat(restored).isNotIn(v1, v3);
        assertThat(get(bucket, "doc", null)).isEqualTo("first");
    }

    @Test
    void deleteObjectsCreatesAndRemovesMarkers()
    {
        String bucket = bucket(BucketVersioningStatus.ENABLED);
        String version = put(bucket, "a", "a");
        DeleteObjectsResponse marked = s3.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete.objects(ObjectIdentifier.builder().key("a").build())));
        DeletedObject deleted = marked.deleted().get(0);
        assertThat(deleted.deleteMarker()).isTrue();
        assertThat(deleted.deleteMarkerVersionId()).isNotBlank();
        DeleteObjectsResponse purged = s3.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete.objects(
                ObjectIdentifier.builder().key("a").versionId(deleted.deleteMarkerVersionId()).build(),
                ObjectIdentifier.builder().key("a").versionId(version).build())));
        assertThat(purged.deleted()).hasSize(2);
        assertThat(purged.errors()).isEmpty();
        assertThat(s3.listObjectVersions(request -> request.bucket(bucket)).versions()).isEmpty();
    }

    @Test
    void suspendedVersioningReplacesTheNullVersion()
    {
        String bucket = bucket(BucketVersioningStatus.ENABLED);
        String kept = put(bucket, "k", "kept");
        s3.putBucketVersioning(request -> request.bucket(bucket).versioningConfiguration(config -> config.status(BucketVersioningStatus.SUSPENDED)));
        assertThat(put(bucket, "k", "null one")).isEqualTo("null");
        assertThat(put(bucket, "k", "null two")).isEqualTo("null");
        assertThat(get(bucket, "k", "null")).isEqualTo("null two");
        assertThat(get(bucket, "k", kept)).isEqualTo("kept");
        assertThat(s3.listObjectVersions(request -> request.bucket(bucket)).versions()).extracting(version -> version.versionId())
                .containsExactly("null", kept);
        DeleteObjectResponse marker = s3.deleteObject(request -> request.bucket(bucket).key("k"));
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(marker.versionId()).isEqualTo("null");
        assertThat(get(bucket, "k", kept)).isEqualTo("kept");
    }

    @Test
    void unversionedBucketsReportNoVersionIds()
    {
        String bucket = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(request -> request.bucket(bucket));
        assertThat(s3.putObject(request -> request.bucket(bucket).key("k"), RequestBody.fromBytes(new byte[] {1})).versionId()).isNull();
        DeleteObjectResponse deleted = s3.deleteObject(request -> request.bucket(bucket).key("k"));
        assertThat(deleted.deleteMarker()).isNull();
        assertThat(deleted.versionId()).isNull();
        assertThatThrownBy(() -> s3.headObject(request -> request.bucket(bucket).key("k"))).isInstanceOf(NoSuchKeyException.class);
    }

    private static String bucket(BucketVersioningStatus status)
    {
        String bucket = "versions-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(request -> request.bucket(bucket));
        s3.putBucketVersioning(request -> request.bucket(bucket).versioningConfiguration(config -> config.status(status)));
        return bucket;
    }

    private static String put(String bucket, String key, String body)
    {
        return s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(body.getBytes(StandardCharsets.UTF_8))).versionId();
    }

    private static String get(String bucket, String key, String versionId)
    {
        return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key).versionId(versionId)).asUtf8String();
    }
}
