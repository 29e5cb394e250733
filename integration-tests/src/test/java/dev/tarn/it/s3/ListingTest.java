package dev.tarn.it.s3;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectStorageClass;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.tarn.it.s3.BucketsTest.assertError;
import static dev.tarn.it.s3.BucketsTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/** ListObjects, ListObjectsV2, ListObjectVersions, ListMultipartUploads and ListParts through the AWS SDK for Java v2. */
class ListingTest
{
    private static final List<String> SPECIAL_KEYS = List.of("special/sp ace", "special/plus+sign", "special/pct%41", "special/ünï/cödé",
            "special/<&>\"'", "special/trailing/");

    private static TestServer server;
    private static S3Client s3;
    private static String bucket;
    private static List<String> keys;

    @BeforeAll
    static void start()
            throws Exception
    {
        server = TestServer.start();
        s3 = server.s3();
        bucket = uniqueName("listing");
        s3.createBucket(request -> request.bucket(bucket));
        BucketsTest.assumeObjectOperationsExist(s3, bucket);

        List<String> all = new ArrayList<>();
        IntStream.range(0, 30).forEach(dir -> IntStream.range(0, 100).forEach(file -> all.add("d%02d/f%03d".formatted(dir, file))));
        IntStream.range(0, 60).forEach(file -> all.add("top%03d".formatted(file)));
        IntStream.range(0, 40).forEach(file -> all.add("d07/deep/x%02d".formatted(file)));
        all.addAll(SPECIAL_KEYS);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> writes = all.stream()
                    .map(key -> pool.submit(() -> s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(key))))
                    .collect(java.util.stream.Collectors.toList());
            for (Future<?> write : writes) {
                write.get();
            }
        }
        finally {
            pool.shutdown();
        }
        keys = all.stream().sorted(Comparator.comparing(key -> key.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned)).toList();
    }

    @AfterAll
    static void stop()
    {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void v2PagesWithoutDelimiterReturnEveryKeyOnceInOrder()
    {
        assertThat(keys).hasSizeGreaterThan(3000);
        for (int pageSize : new int[] {1000, 333}) {
            List<String> listed = new ArrayList<>();
            String token = null;
            do {
                String continuation = token;
                ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(bucket).maxKeys(pageSize).continuationToken(continuation));
                assertThat(page.keyCount()).isEqualTo(page.contents().size());
                assertThat(page.contents()).hasSizeLessThanOrEqualTo(pageSize);
                assertThat(page.isTruncated()).isEqualTo(page.nextContinuationToken() != null);
                page.contents().forEach(object -> listed.add(object.key()));
                token = page.nextContinuationToken();
            }
            while (token != null);
            assertThat(listed).containsExactlyElementsOf(keys);
        }
        // the SDK paginator agrees
        assertThat(s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream().map(S3Object::key).toList())
                .containsExactlyElementsOf(keys);
    }

    @Test
    void v2PagesWithDelimiterReturnEachCommonPrefixOnce()
    {
        List<String> expected = rolledUp("", "/");
        List<String> listed = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(bucket).delimiter("/").maxKeys(7).continuationToken(continuation));
            assertThat(page.keyCount()).isEqualTo(page.contents().size() + page.commonPrefixes().size()).isLessThanOrEqualTo(7);
            listed.addAll(merged(page.contents(), page.commonPrefixes()));
            token = page.nextContinuationToken();
        }
        while (token != null);
        assertThat(listed).containsExactlyElementsOf(expected);
        assertThat(listed).contains("d00/", "d29/", "special/", "top000");
    }

    @Test
    void prefixDelimiterAndStartAfter()
    {
        ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(bucket).prefix("d07/").delimiter("/"));
        assertThat(page.prefix()).isEqualTo("d07/");
        assertThat(page.delimiter()).isEqualTo("/");
        assertThat(page.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("d07/deep/");
        assertThat(page.contents()).hasSize(100);
        assertThat(page.isTruncated()).isFalse();

        ListObjectsV2Response after = s3.listObjectsV2(request -> request.bucket(bucket).startAfter("d29/f097"));
        assertThat(after.startAfter()).isEqualTo("d29/f097");
        assertThat(after.contents().stream().map(S3Object::key).toList()).containsExactlyElementsOf(keys.subList(keys.indexOf("d29/f098"), keys.size()));
    }

    @Test
    void objectDetailsAndOwner()
    {
        S3Object object = s3.listObjectsV2(request -> request.bucket(bucket).prefix("d03/f004")).contents().get(0);
        assertThat(object.key()).isEqualTo("d03/f004");
        assertThat(object.size()).isEqualTo("d03/f004".length());
        assertThat(object.eTag()).startsWith("\"").endsWith("\"").hasSize(34);
        assertThat(object.storageClass()).isEqualTo(ObjectStorageClass.STANDARD);
        assertThat(object.lastModified()).isNotNull();
        assertThat(object.owner()).isNull();

        S3Object withOwner = s3.listObjectsV2(request -> request.bucket(bucket).prefix("d03/f004").fetchOwner(true)).contents().get(0);
        assertThat(withOwner.owner().id()).isNotBlank();
        assertThat(s3.listObjects(request -> request.bucket(bucket).prefix("d03/f004")).contents().get(0).owner().id()).isEqualTo(withOwner.owner().id());
    }

    @Test
    void checksumAlgorithmIsListed()
    {
        String name = uniqueName("checksums");
        s3.createBucket(request -> request.bucket(name));
        s3.putObject(request -> request.bucket(name).key("with").checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromString("data"));
        S3Object listed = s3.listObjectsV2(request -> request.bucket(name)).contents().get(0);
        assertThat(listed.checksumAlgorithm()).containsExactly(ChecksumAlgorithm.CRC32_C);
    }

    @Test
    void v1PagesWithMarkers()
    {
        // without a delimiter S3 gives no NextMarker: the client continues from the last key
        List<String> listed = new ArrayList<>();
        String marker = null;
        while (true) {
            String from = marker;
            ListObjectsResponse page = s3.listObjects(request -> request.bucket(bucket).maxKeys(500).marker(from));
            assertThat(page.nextMarker()).isNull();
            page.contents().forEach(object -> listed.add(object.key()));
            if (!page.isTruncated()) {
                break;
            }
            marker = listed.get(listed.size() - 1);
        }
        assertThat(listed).containsExactlyElementsOf(keys);

        List<String> rolled = new ArrayList<>();
        marker = null;
        while (true) {
            String from = marker;
            ListObjectsResponse page = s3.listObjects(request -> request.bucket(bucket).delimiter("/").maxKeys(9).marker(from));
            rolled.addAll(merged(page.contents(), page.commonPrefixes()));
            if (!page.isTruncated()) {
                assertThat(page.nextMarker()).isNull();
                break;
            }
            assertThat(page.nextMarker()).isEqualTo(rolled.get(rolled.size() - 1));
            marker = page.nextMarker();
        }
        assertThat(rolled).containsExactlyElementsOf(rolledUp("", "/"));
    }

    @Test
    void keysSurviveUrlEncoding()
    {
        // the SDK asks for encoding-type=url and decodes the answer
        ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(bucket).prefix("special/"));
        assertThat(page.contents()).extracting(S3Object::key).containsExactlyInAnyOrderElementsOf(SPECIAL_KEYS);
        ListObjectsV2Response rolled = s3.listObjectsV2(request -> request.bucket(bucket).prefix("special/").delimiter("/"));
        assertThat(rolled.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("special/trailing/", "special/ünï/");
        ListObjectsResponse v1 = s3.listObjects(request -> request.bucket(bucket).prefix("special/p"));
        assertThat(v1.contents()).extracting(S3Object::key).containsExactly("special/pct%41", "special/plus+sign");
    }

    @Test
    void listingErrors()
    {
        assertError(() -> s3.listObjectsV2(request -> request.bucket(bucket).maxKeys(-1)), 400, "InvalidArgument");
        assertError(() -> s3.listObjectsV2(request -> request.bucket(bucket).continuationToken("bm90LWEtdG9rZW4")), 400, "InvalidArgument");
        assertError(() -> s3.listObjectsV2(request -> request.bucket(bucket).encodingType("gzip")), 400, "InvalidArgument");
        assertError(() -> s3.listObjectsV2(request -> request.bucket(uniqueName("missing"))), 404, "NoSuchBucket");
        assertError(() -> s3.listObjects(request -> request.bucket(uniqueName("missing"))), 404, "NoSuchBucket");
        assertError(() -> s3.listObjectVersions(request -> request.bucket(bucket).versionIdMarker("v1")), 400, "InvalidArgument");

        ListObjectsV2Response none = s3.listObjectsV2(request -> request.bucket(bucket).maxKeys(0));
        assertThat(none.contents()).isEmpty();
        assertThat(none.isTruncated()).isFalse();
    }

    @Test
    void versionsPageAcrossVersionsAndDeleteMarkers()
    {
        String name = uniqueName("versioned");
        s3.createBucket(request -> request.bucket(name));
        s3.putObject(request -> request.bucket(name).key("c"), RequestBody.fromString("unversioned"));
        s3.putBucketVersioning(request -> request.bucket(name).versioningConfiguration(configuration -> configuration.status(BucketVersioningStatus.ENABLED)));
        for (int i = 0; i < 3; i++) {
            s3.putObject(request -> request.bucket(name).key("a"), RequestBody.fromString("a"));
        }
        s3.deleteObject(request -> request.bucket(name).key("a"));
        s3.putObject(request -> request.bucket(name).key("b"), RequestBody.fromString("b"));
        s3.deleteObject(request -> request.bucket(name).key("c"));
        s3.putObject(request -> request.bucket(name).key("x/1"), RequestBody.fromString("x"));
        s3.putObject(request -> request.bucket(name).key("x/2"), RequestBody.fromString("x"));

        List<String> all = versionEntries(s3.listObjectVersions(request -> request.bucket(name)));
        // by key, newest first, delete markers interleaved; "c" keeps its unversioned "null" version under the marker
        assertThat(all.stream().map(entry -> entry.split(" ")[0]).toList()).containsExactly("a", "a", "a", "a", "b", "c", "c", "x/1", "x/2");
        assertThat(all.get(0)).startsWith("a marker latest");
        assertThat(all.subList(1, 4)).allMatch(entry -> entry.startsWith("a version old"));
        assertThat(all.get(4)).startsWith("b version latest");
        assertThat(all.get(5)).startsWith("c marker latest");
        assertThat(all.get(6)).isEqualTo("c version old null");

        for (int pageSize : new int[] {1, 2, 3}) {
            List<String> paged = new ArrayList<>();
            String keyMarker = null;
            String versionIdMarker = null;
            while (true) {
                String key = keyMarker;
                String versionId = versionIdMarker;
                ListObjectVersionsResponse page = s3.listObjectVersions(request -> request.bucket(name).maxKeys(pageSize).keyMarker(key).versionIdMarker(versionId));
                List<String> entries = versionEntries(page);
                assertThat(entries).hasSizeLessThanOrEqualTo(pageSize);
                paged.addAll(entries);
                if (!page.isTruncated()) {
                    break;
                }
                keyMarker = page.nextKeyMarker();
                versionIdMarker = page.nextVersionIdMarker();
            }
            // every entry exactly once, keys in order across pages (within a key the SDK's split lists hide the interleaving)
            assertThat(paged).as("page size %s", pageSize).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
            assertThat(paged.stream().map(entry -> entry.split(" ")[0]).toList()).isSorted();
        }

        ListObjectVersionsResponse rolled = s3.listObjectVersions(request -> request.bucket(name).delimiter("/"));
        assertThat(rolled.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("x/");
        assertThat(versionEntries(rolled)).hasSize(7);
    }

    @Test
    void uploadsAndParts()
    {
        String name = uniqueName("multipart");
        s3.createBucket(request -> request.bucket(name));
        List<String> uploadKeys = List.of("u/1", "u/1", "u/2", "v", "w");
        List<String> uploadIds = new ArrayList<>();
        for (String key : uploadKeys) {
            uploadIds.add(s3.createMultipartUpload(request -> request.bucket(name).key(key)).uploadId());
        }

        List<String> paged = new ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            String key = keyMarker;
            String id = uploadIdMarker;
            ListMultipartUploadsResponse page = s3.listMultipartUploads(request -> request.bucket(name).maxUploads(2).keyMarker(key).uploadIdMarker(id));
            assertThat(page.uploads()).hasSizeLessThanOrEqualTo(2);
            page.uploads().forEach(upload -> {
                assertThat(upload.initiator().id()).isNotBlank();
                assertThat(upload.owner().id()).isNotBlank();
                assertThat(upload.initiated()).isNotNull();
                paged.add(upload.key() + " " + upload.uploadId());
            });
            if (!page.isTruncated()) {
                break;
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        }
        assertThat(paged).hasSize(5).doesNotHaveDuplicates();
        assertThat(paged.stream().map(entry -> entry.split(" ")[0]).toList()).containsExactlyElementsOf(uploadKeys);
        assertThat(paged.stream().map(entry -> entry.split(" ")[1]).toList()).containsExactlyInAnyOrderElementsOf(uploadIds);

        ListMultipartUploadsResponse rolled = s3.listMultipartUploads(request -> request.bucket(name).delimiter("/"));
        assertThat(rolled.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("u/");
        assertThat(rolled.uploads()).extracting(MultipartUpload::key).containsExactly("v", "w");

        String uploadId = uploadIds.get(3);
        for (int part = 1; part <= 3; part++) {
            int number = part;
            s3.uploadPart(request -> request.bucket(name).key("v").uploadId(uploadId).partNumber(number), RequestBody.fromString("part " + number));
        }
        List<Integer> parts = new ArrayList<>();
        Integer marker = null;
        while (true) {
            Integer after = marker;
            ListPartsResponse page = s3.listParts(request -> request.bucket(name).key("v").uploadId(uploadId).maxParts(1).partNumberMarker(after));
            assertThat(page.parts()).hasSize(1);
            assertThat(page.parts().get(0).eTag()).startsWith("\"");
            assertThat(page.parts().get(0).size()).isEqualTo(6L);
            assertThat(page.initiator().id()).isNotBlank();
            assertThat(page.owner().id()).isNotBlank();
            parts.add(page.parts().get(0).partNumber());
            if (!page.isTruncated()) {
                break;
            }
            marker = page.nextPartNumberMarker();
        }
        assertThat(parts).containsExactly(1, 2, 3);
        assertError(() -> s3.listParts(request -> request.bucket(name).key("v").uploadId("no-such-upload")), 404, "NoSuchUpload");
        assertError(() -> s3.listParts(request -> request.bucket(name).key("other").uploadId(uploadId)), 404, "NoSuchUpload");
    }

    /**
     * "key kind latest|old versionId" for each entry. The SDK hands versions and delete markers
     * back as two lists, so they are merged again: by key, the latest first, then newest first
     * (ties of the millisecond clock broken by text, the same way on every page).
     */
    private static List<String> versionEntries(ListObjectVersionsResponse page)
    {
        record Entry(String key, boolean latest, java.time.Instant modified, String text) {}
        List<Entry> entries = new ArrayList<>();
        page.versions().forEach(version -> entries.add(new Entry(version.key(), version.isLatest(), version.lastModified(),
                version.key() + " version " + (version.isLatest() ? "latest " : "old ") + version.versionId())));
        page.deleteMarkers().forEach(marker -> entries.add(new Entry(marker.key(), marker.isLatest(), marker.lastModified(),
                marker.key() + " marker " + (marker.isLatest() ? "latest " : "old ") + marker.versionId())));
        return entries.stream()
                .sorted(Comparator.comparing(Entry::key)
                        .thenComparing(Entry::latest, Comparator.reverseOrder())
                        .thenComparing(Entry::modified, Comparator.reverseOrder())
                        .thenComparing(Entry::text))
                .map(Entry::text)
                .toList();
    }

    private static List<String> merged(List<S3Object> contents, List<CommonPrefix> prefixes)
    {
        return Stream.concat(contents.stream().map(S3Object::key), prefixes.stream().map(CommonPrefix::prefix))
                .sorted(Comparator.comparing(value -> value.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned))
                .toList();
    }

    private static List<String> rolledUp(String prefix, String delimiter)
    {
        return keys.stream()
                .filter(key -> key.startsWith(prefix))
                .map(key -> {
                    int at = key.indexOf(delimiter, prefix.length());
                    return at < 0 ? key : key.substring(0, at + delimiter.length());
                })
                .distinct()
                .toList();
    }
}
