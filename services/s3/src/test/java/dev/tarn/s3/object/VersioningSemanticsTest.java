package dev.tarn.s3.object;

import dev.tarn.s3.S3Dependencies;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.ObjectOperations;
import dev.tarn.s3.TestRequest;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.security.RootOnlyAuthorizer;
import dev.tarn.storage.blob.LocalBlobStore;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versioning semantics of writes and deletes, against the real SQLite metadata store and the real blob store. */
class VersioningSemanticsTest
{
    @TempDir
    Path directory;

    private MetadataStore metadata;
    private ObjectOperations objects;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T12:00:00Z"));

    @BeforeEach
    void setUp()
            throws IOException
    {
        metadata = SqliteMetadataStore.open(directory.resolve("metadata.db"));
        LocalBlobStore blobs = new LocalBlobStore(Files.createDirectories(directory.resolve("blobs")));
        S3Dependencies dependencies = new S3Dependencies(metadata, blobs, TestBlobs.dataKeys(), new RootOnlyAuthorizer(), clock, "us-east-1");
        objects = new ObjectOperations(dependencies, new S3Xml(), new BucketAccess(metadata, dependencies.authorizer()), Duration.ofHours(1));
    }

    @AfterEach
    void tearDown()
    {
        metadata.close();
    }

    @Test
    void unversionedOverwriteReplacesTheNullVersionAndItsBlob()
            throws IOException
    {
        bucket("plain", Optional.empty());
        ServiceResponse first = put("plain", "k", "one");
        assertThat(first.headers().first("x-amz-version-id")).isEmpty();
        assertThat(first.headers().first("x-amz-server-side-encryption")).contains("AES256");
        put("plain", "k", "two");
        assertThat(get("plain", "k")).isEqualTo("two");
        assertThat(versions("plain", "k")).extracting(ObjectVersion::versionId).containsExactly("null");
        assertThat(blobFiles()).isEqualTo(1);

        ServiceResponse deleted = objects.deleteObject(TestRequest.of("DELETE", "plain", "k"));
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.headers().first("x-amz-delete-marker")).isEmpty();
        assertThat(versions("plain", "k")).isEmpty();
        assertThat(blobFiles()).isZero();
        // deleting what is not there is still 204
        assertThat(objects.deleteObject(TestRequest.of("DELETE", "plain", "k")).status()).isEqualTo(204);
    }

    @Test
    void enabledBucketKeepsEveryVersionAndDeleteMarkers()
            throws IOException
    {
        bucket("versioned", Optional.of("Enabled"));
        String v1 = put("versioned", "k", "one").headers().first("x-amz-version-id").orElseThrow();
        String v2 = put("versioned", "k", "two").headers().first("x-amz-version-id").orElseThrow();
        assertThat(v1).isNotEqualTo(v2).isLessThan(v2);
        assertThat(get("versioned", "k")).isEqualTo("two");
        assertThat(getVersion("versioned", "k", v1)).isEqualTo("one");

        ServiceResponse marker = objects.deleteObject(TestRequest.of("DELETE", "versioned", "k"));
        assertThat(marker.headers().first("x-amz-delete-marker")).contains("true");
        String markerId = marker.headers().first("x-amz-version-id").orElseThrow();
        ServiceResponse missing = objects.getObject(TestRequest.of("GET", "versioned", "k"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers().first("x-amz-delete-marker")).contains("true");
        assertThat(missing.headers().first("x-amz-version-id")).contains(markerId);
        ServiceResponse markerById = objects.headObject(TestRequest.of("HEAD", "versioned", "k").query("versionId", markerId));
        assertThat(markerById.status()).isEqualTo(405);
        assertThat(getVersion("versioned", "k", v2)).isEqualTo("two");

        // removing the marker by id brings the previous version back
        ServiceResponse unmark = objects.deleteObject(TestRequest.of("DELETE", "versioned", "k").query("versionId", markerId));
        assertThat(unmark.headers().first("x-amz-delete-marker")).contains("true");
        assertThat(unmark.headers().first("x-amz-version-id")).contains(markerId);
        assertThat(get("versioned", "k")).isEqualTo("two");

        // deleting the latest version by id promotes the one before it
        objects.deleteObject(TestRequest.of("DELETE", "versioned", "k").query("versionId", v2));
        assertThat(get("versioned", "k")).isEqualTo("one");
        assertThat(blobFiles()).isEqualTo(1);
        assertThatThrownBy(() -> objects.getObject(TestRequest.of("GET", "versioned", "k").query("versionId", v2)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("NoSuchVersion"));
        assertThatThrownBy(() -> objects.getObject(TestRequest.of("GET", "versioned", "k").query("versionId", "bogus")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgument"));
    }

    @Test
    void suspendedBucketReplacesOnlyTheNullVersion()
            throws IOException
    {
        bucket("suspended", Optional.of("Enabled"));
        String kept = put("suspended", "k", "versioned").headers().first("x-amz-version-id").orElseThrow();
        suspend("suspended");
        assertThat(put("suspended", "k", "null one").headers().first("x-amz-version-id")).contains("null");
        put("suspended", "k", "null two");
        assertThat(versions("suspended", "k")).extracting(ObjectVersion::versionId).containsExactly("null", kept);
        assertThat(get("suspended", "k")).isEqualTo("null two");

        ServiceResponse marker = objects.deleteObject(TestRequest.of("DELETE", "suspended", "k"));
        assertThat(marker.headers().first("x-amz-delete-marker")).contains("true");
        assertThat(marker.headers().first("x-amz-version-id")).contains("null");
        // the marker replaced the null version (and its blob); the versioned one stays
        assertThat(versions("suspended", "k")).extracting(ObjectVersion::versionId, ObjectVersion::deleteMarker)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("null", true), org.assertj.core.groups.Tuple.tuple(kept, false));
        assertThat(blobFiles()).isEqualTo(1);
    }

    @Test
    void conditionalGetAndRanges()
            throws IOException
    {
        bucket("plain", Optional.empty());
        String etag = put("plain", "k", "0123456789").headers().first("ETag").orElseThrow();
        assertThat(objects.getObject(TestRequest.of("GET", "plain", "k").header("If-None-Match", etag)).status()).isEqualTo(304);
        assertThatThrownBy(() -> objects.getObject(TestRequest.of("GET", "plain", "k").header("If-Match", "\"nope\"")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.httpStatus()).isEqualTo(412));
        ServiceResponse range = objects.getObject(TestRequest.of("GET", "plain", "k").header("Range", "bytes=-3"));
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.headers().first("Content-Range")).contains("bytes 7-9/10");
        assertThat(text(range)).isEqualTo("789");
        ServiceResponse unsatisfiable = objects.getObject(TestRequest.of("GET", "plain", "k").header("Range", "bytes=10-"));
        assertThat(unsatisfiable.status()).isEqualTo(416);
        assertThat(text(unsatisfiable)).contains("<ActualObjectSize>10</ActualObjectSize>");
    }

    @Test
    void archivedObjectsNeedARestoreThatTakesTheConfiguredDelay()
            throws IOException
    {
        bucket("plain", Optional.empty());
        objects.putObject(TestRequest.of("PUT", "plain", "cold").header("x-amz-storage-class", "GLACIER").body("frozen".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> get("plain", "cold"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidObjectState"));
        byte[] restore = "<RestoreRequest><Days>2</Days></RestoreRequest>".getBytes(StandardCharsets.UTF_8);
        assertThat(objects.restoreObject(TestRequest.of("POST", "plain", "cold").query("restore", "").body(restore)).status()).isEqualTo(202);
        assertThat(objects.headObject(TestRequest.of("HEAD", "plain", "cold")).headers().first("x-amz-restore")).contains("ongoing-request=\"true\"");
        assertThatThrownBy(() -> objects.restoreObject(TestRequest.of("POST", "plain", "cold").query("restore", "").body(restore)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("RestoreAlreadyInProgress"));
        clock.advance(Duration.ofHours(2));
        assertThat(get("plain", "cold")).isEqualTo("frozen");
        assertThat(objects.headObject(TestRequest.of("HEAD", "plain", "cold")).headers().first("x-amz-restore").orElseThrow())
                .startsWith("ongoing-request=\"false\", expiry-date=");
        assertThat(objects.restoreObject(TestRequest.of("POST", "plain", "cold").query("restore", "").body(restore)).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(5));
        assertThatThrownBy(() -> get("plain", "cold")).isInstanceOf(AwsException.class);
    }

    private ServiceResponse put(String bucket, String key, String body)
    {
        ServiceResponse response = objects.putObject(TestRequest.of("PUT", bucket, key).body(body.getBytes(StandardCharsets.UTF_8)));
        clock.advance(Duration.ofSeconds(1));
        return response;
    }

    private String get(String bucket, String key)
            throws IOException
    {
        ServiceResponse response = objects.getObject(TestRequest.of("GET", bucket, key));
        assertThat(response.status()).isEqualTo(200);
        return text(response);
    }

    private String getVersion(String bucket, String key, String versionId)
            throws IOException
    {
        return text(objects.getObject(TestRequest.of("GET", bucket, key).query("versionId", versionId)));
    }

    private static String text(ServiceResponse response)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.body().orElseThrow().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<ObjectVersion> versions(String bucket, String key)
    {
        return metadata.read(reader -> reader.versions(bucket, key, Optional.empty(), Optional.empty(), 100));
    }

    private void bucket(String name, Optional<String> versioning)
    {
        metadata.write(transaction -> transaction.createBucket(new BucketRecord(name, TestRequest.ACCOUNT, "us-east-1", clock.instant(), versioning, Map.of())));
    }

    private void suspend(String name)
    {
        metadata.write(transaction -> {
            transaction.updateBucket(transaction.bucket(name).orElseThrow().withVersioning("Suspended"));
            return null;
        });
    }

    private long blobFiles()
            throws IOException
    {
        try (Stream<Path> files = Files.walk(directory.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).filter(path -> path.getFileName().toString().matches("[0-9a-f]{32}")).count();
        }
    }

    private static final class MutableClock
            extends Clock
    {
        private Instant now;

        MutableClock(Instant start)
        {
            this.now = start;
        }

        void advance(Duration duration)
        {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now;
        }
    }
}
