package dev.tarn.it.s3;

import dev.tarn.it.RawS3Request;
import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ListObjectVersions paged at any MaxKeys over keys with many versions and delete markers, and
 * DeleteBucket with only unfinished multipart uploads left.
 */
class VersionPagingTest
{
    private static final Pattern ENTRY = Pattern.compile("<(Version|DeleteMarker)>(.*?)</\\1>", Pattern.DOTALL);
    private static TestServer server;
    private static S3Client s3;

    /** One listed entry: key, version id, whether it is a delete marker. */
    private record Entry(String key, String versionId, boolean deleteMarker) {}

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        s3 = server.s3();
    }

    @AfterAll
    static void stop()
    {
        s3.close();
        server.close();
    }

    @Test
    void everyPageSizeListsTheSameEntriesInAwsOrder()
    {
        String bucket = "paging-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
        // newest first per key, as the listing must give them
        Map<String, List<Entry>> written = new TreeMap<>();
        put(bucket, "a/unversioned", written);
        s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        for (int i = 0; i < 5; i++) {
            put(bucket, "b/many", written);
        }
        put(bucket, "c/marked", written);
        delete(bucket, "c/marked", written);
        put(bucket, "c/marked", written);
        delete(bucket, "c/marked", written);
        delete(bucket, "d/only-marker", written);
        for (int i = 0; i < 3; i++) {
            put(bucket, "e/" + i, written);
        }
        put(bucket, "a/unversioned", written);
        s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        put(bucket, "f/suspended", written);
        put(bucket, "f/suspended", written);

        List<Entry> expected = written.values().stream().flatMap(List::stream).toList();
        assertThat(expected).filteredOn(entry -> entry.key().equals("a/unversioned")).extracting(Entry::versionId).last().isEqualTo("null");
        assertThat(expected).filteredOn(entry -> entry.key().equals("f/suspended")).extracting(Entry::versionId).containsExactly("null");

        ListObjectVersionsResponse whole = s3.listObjectVersions(r -> r.bucket(bucket));
        assertThat(whole.isTruncated()).isFalse();
        assertThat(entries(whole)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rawPage(bucket, 1000, null, null).entries()).containsExactlyElementsOf(expected);

        for (int maxKeys : new int[] {1, 2, 3, 7}) {
            List<Entry> paged = new ArrayList<>();
            String keyMarker = null;
            String versionIdMarker = null;
            int pages = 0;
            while (true) {
                RawPage page = rawPage(bucket, maxKeys, keyMarker, versionIdMarker);
                assertThat(page.entries()).as("page %d of MaxKeys %d", pages, maxKeys).hasSizeLessThanOrEqualTo(maxKeys);
                paged.addAll(page.entries());
                pages++;
                if (!page.truncated()) {
                    break;
                }
                assertThat(page.entries()).hasSize(maxKeys);
                Entry last = page.entries().get(page.entries().size() - 1);
                assertThat(page.nextKeyMarker()).isEqualTo(last.key());
                assertThat(page.nextVersionIdMarker()).isEqualTo(last.versionId());
                keyMarker = page.nextKeyMarker();
                versionIdMarker = page.nextVersionIdMarker();
                assertThat(pages).as("pages of MaxKeys %d", maxKeys).isLessThanOrEqualTo(expected.size());
            }
            assertThat(paged).as("MaxKeys %d", maxKeys).containsExactlyElementsOf(expected);
        }

        // the SDK's own paginator, which follows NextKeyMarker and NextVersionIdMarker, sees the same entries
        List<Entry> viaPaginator = s3.listObjectVersionsPaginator(r -> r.bucket(bucket).maxKeys(2)).stream()
                .flatMap(page -> entries(page).stream()).toList();
        assertThat(viaPaginator).containsExactlyInAnyOrderElementsOf(expected).hasSameSizeAs(expected);
    }

    @Test
    void deleteBucketDiscardsUnfinishedUploadsButNotVersions()
    {
        String bucket = "uploads-only-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
        long blobsBefore = blobFiles();
        String upload = s3.createMultipartUpload(r -> r.bucket(bucket).key("big")).uploadId();
        s3.uploadPart(r -> r.bucket(bucket).key("big").uploadId(upload).partNumber(1), RequestBody.fromString("part one"));
        s3.uploadPart(r -> r.bucket(bucket).key("big").uploadId(upload).partNumber(2), RequestBody.fromString("part two"));
        assertThat(blobFiles()).isEqualTo(blobsBefore + 2);
        s3.deleteBucket(r -> r.bucket(bucket));
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket(bucket))).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThat(blobFiles()).isEqualTo(blobsBefore);

        String marked = "marker-only-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(marked));
        s3.putBucketVersioning(r -> r.bucket(marked).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        s3.deleteObject(r -> r.bucket(marked).key("gone"));
        s3.createMultipartUpload(r -> r.bucket(marked).key("pending"));
        assertThatThrownBy(() -> s3.deleteBucket(r -> r.bucket(marked))).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(409);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
        });
        // nothing was discarded by the refused delete
        assertThat(s3.listMultipartUploads(r -> r.bucket(marked)).uploads()).hasSize(1);
    }

    private static void put(String bucket, String key, Map<String, List<Entry>> written)
    {
        String version = s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(key)).versionId();
        record(written, new Entry(key, version == null ? "null" : version, false));
    }

    private static void delete(String bucket, String key, Map<String, List<Entry>> written)
    {
        String version = s3.deleteObject(r -> r.bucket(bucket).key(key)).versionId();
        record(written, new Entry(key, version, true));
    }

    /** A write with version id "null" replaces the key's earlier "null" version wherever it was. */
    private static void record(Map<String, List<Entry>> written, Entry entry)
    {
        List<Entry> versions = written.computeIfAbsent(entry.key(), key -> new ArrayList<>());
        if (entry.versionId().equals("null")) {
            versions.removeIf(existing -> existing.versionId().equals("null"));
        }
        versions.add(0, entry);
    }

    private static List<Entry> entries(ListObjectVersionsResponse page)
    {
        List<Entry> entries = new ArrayList<>();
        page.versions().forEach(version -> entries.add(new Entry(version.key(), version.versionId(), false)));
        page.deleteMarkers().forEach(marker -> entries.add(new Entry(marker.key(), marker.versionId(), true)));
        return entries;
    }

    /** One page as S3 sends it: the SDK splits versions from delete markers, so the interleaving is read from the XML itself. */
    private record RawPage(List<Entry> entries, boolean truncated, String nextKeyMarker, String nextVersionIdMarker) {}

    private static RawPage rawPage(String bucket, int maxKeys, String keyMarker, String versionIdMarker)
    {
        StringBuilder query = new StringBuilder("/" + bucket + "?versions&max-keys=" + maxKeys);
        if (keyMarker != null) {
            query.append("&key-marker=").append(URLEncoder.encode(keyMarker, StandardCharsets.UTF_8).replace("+", "%20"));
            query.append("&version-id-marker=").append(URLEncoder.encode(versionIdMarker, StandardCharsets.UTF_8));
        }
        RawS3Request.Response response = RawS3Request.send(server, "GET", query.toString(), new byte[0], 0);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<Entry> entries = new ArrayList<>();
        Matcher matcher = ENTRY.matcher(response.body());
        while (matcher.find()) {
            entries.add(new Entry(element(matcher.group(2), "Key"), element(matcher.group(2), "VersionId"), matcher.group(1).equals("DeleteMarker")));
        }
        boolean truncated = element(response.body(), "IsTruncated").equals("true");
        return new RawPage(entries, truncated, truncated ? element(response.body(), "NextKeyMarker") : null,
                truncated ? element(response.body(), "NextVersionIdMarker") : null);
    }

    private static String element(String xml, String name)
    {
        Matcher matcher = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        assertThat(matcher.find()).as("<%s> in %s", name, xml).isTrue();
        return matcher.group(1);
    }

    private static long blobFiles()
    {
        Path root = server.dataDir().resolve("blobs");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.startsWith(root.resolve("tmp"))).count();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
