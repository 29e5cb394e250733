package dev.tarn.storage.meta;

import dev.tarn.storage.blob.BlobId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import static dev.tarn.storage.meta.MetadataFixtures.OWNER;
import static dev.tarn.storage.meta.MetadataFixtures.T0;
import static dev.tarn.storage.meta.MetadataFixtures.UTF8_BYTES;
import static dev.tarn.storage.meta.MetadataFixtures.bucket;
import static dev.tarn.storage.meta.MetadataFixtures.deleteMarker;
import static dev.tarn.storage.meta.MetadataFixtures.object;
import static dev.tarn.storage.meta.MetadataFixtures.part;
import static dev.tarn.storage.meta.MetadataFixtures.upload;
import static dev.tarn.storage.meta.MetadataFixtures.withoutSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link MetadataStore} implementation must do. A subclass opens a store on its
 * backing database; {@link #openStore()} called again after {@link MetadataStore#close()} must
 * open the same database.
 */
public abstract class MetadataStoreContractTest
{
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    // more pages than any listing here needs at page size 1: a store that does not advance fails instead of looping
    private static final int MAX_PAGES = 5000;

    protected MetadataStore store;

    /** Opens the store under test; called before each test and again to test reopening. */
    protected abstract MetadataStore openStore();

    @BeforeEach
    void open()
    {
        store = openStore();
    }

    @AfterEach
    void closeStore()
    {
        store.close();
    }

    private <T> T write(Function<MetadataTransaction, T> writes)
    {
        return store.write(writes);
    }

    private <T> T read(Function<MetadataReader, T> reads)
    {
        return store.read(reads);
    }

    private void createBucket(String name)
    {
        assertThat(write((MetadataTransaction tx) -> tx.createBucket(bucket(name)))).isTrue();
    }

    /** Puts a version as the service does: latest, and the only latest of its key. */
    private ObjectVersion putLatest(ObjectVersion version)
    {
        return write(tx -> {
            ObjectVersion stored = tx.putVersion(version.withLatest(true));
            tx.setLatest(version.bucket(), version.key(), Optional.of(version.versionId()));
            return stored;
        });
    }

    // documents

    @Test
    public void storesReplacesAndDeletesDocuments()
    {
        StoredDocument user = new StoredDocument("iam.users", "123456789012/paulo", "{\"UserName\":\"paulo\"}");
        write(tx -> {
            tx.putDocument(user);
            return null;
        });
        assertThat(read((MetadataReader reader) -> reader.document("iam.users", "123456789012/paulo"))).contains(user);
        assertThat(read((MetadataReader reader) -> reader.document("iam.groups", "123456789012/paulo"))).as("collections are separate").isEmpty();

        StoredDocument replaced = new StoredDocument("iam.users", "123456789012/paulo", "{\"UserName\":\"paulo\",\"Path\":\"/lab/\"}");
        write(tx -> {
            tx.putDocument(replaced);
            return null;
        });
        assertThat(read((MetadataReader reader) -> reader.document("iam.users", "123456789012/paulo"))).contains(replaced);

        assertThat(write((MetadataTransaction tx) -> tx.deleteDocument("iam.users", "123456789012/paulo"))).isTrue();
        assertThat(write((MetadataTransaction tx) -> tx.deleteDocument("iam.users", "123456789012/paulo"))).isFalse();
        assertThat(read((MetadataReader reader) -> reader.document("iam.users", "123456789012/paulo"))).isEmpty();
    }

    @Test
    public void listsDocumentsByIdPrefixInPages()
    {
        List<String> ids = List.of("111111111111/a", "111111111111/b", "111111111111/é", "111111111111/中", "222222222222/a");
        write(tx -> {
            for (String id : ids) {
                tx.putDocument(new StoredDocument("kms.keys", id, "{}"));
            }
            tx.putDocument(new StoredDocument("kms.aliases", "111111111111/x", "{}"));
            return null;
        });

        List<String> seen = new java.util.ArrayList<>();
        Optional<String> after = Optional.empty();
        for (int page = 0; page < MAX_PAGES; page++) {
            Optional<String> marker = after;
            List<StoredDocument> documents = read((MetadataReader reader) -> reader.documents("kms.keys", "111111111111/", marker, 2));
            if (documents.isEmpty()) {
                break;
            }
            documents.forEach(document -> seen.add(document.id()));
            after = Optional.of(documents.get(documents.size() - 1).id());
        }
        assertThat(seen).containsExactly("111111111111/a", "111111111111/b", "111111111111/é", "111111111111/中");
        assertThat(read((MetadataReader reader) -> reader.documents("kms.keys", "", Optional.empty(), 10))).hasSize(5);
    }

    @Test
    public void documentsSurviveReopening()
    {
        write(tx -> {
            tx.putDocument(new StoredDocument("iam.roles", "r", "{\"RoleName\":\"r\"}"));
            return null;
        });
        store.close();
        store = openStore();
        assertThat(read((MetadataReader reader) -> reader.document("iam.roles", "r")).map(StoredDocument::body)).contains("{\"RoleName\":\"r\"}");
    }

    // buckets

    @Test
    public void createsReadsUpdatesAndDeletesBuckets()
    {
        BucketRecord original = bucket("alpha");
        assertThat(write((MetadataTransaction tx) -> tx.createBucket(original))).isTrue();
        assertThat(read((MetadataReader reader) -> reader.bucket("alpha"))).contains(original);

        BucketRecord other = new BucketRecord("alpha", "999999999999", "us-east-1", T0.plusSeconds(5), Optional.empty(), Map.of());
        assertThat(write((MetadataTransaction tx) -> tx.createBucket(other))).as("create when the name is taken").isFalse();
        assertThat(read((MetadataReader reader) -> reader.bucket("alpha"))).contains(original);

        BucketRecord updated = original.withVersioning("Enabled")
                .withConfiguration("tagging", Optional.of("{\"TagSet\":[{\"Key\":\"k\",\"Value\":\"v\"}]}"))
                .withConfiguration("policy", Optional.of("<Policy>é 中 😀</Policy>"));
        write(tx -> {
            tx.updateBucket(updated);
            return null;
        });
        assertThat(read((MetadataReader reader) -> reader.bucket("alpha"))).contains(updated);

        assertThatThrownBy(() -> write(tx -> {
            tx.updateBucket(bucket("missing"));
            return null;
        })).isInstanceOf(NoSuchElementException.class);

        write(tx -> {
            tx.deleteBucket("alpha");
            tx.deleteBucket("never-existed");
            return null;
        });
        assertThat(read((MetadataReader reader) -> reader.bucket("alpha"))).isEmpty();
    }

    @Test
    public void listsTheBucketsOfAnOwnerByName()
    {
        for (String name : List.of("charlie", "alpha", "bravo")) {
            createBucket(name);
        }
        write(tx -> tx.createBucket(new BucketRecord("delta", "999999999999", "eu-west-1", T0, Optional.empty(), Map.of())));

        assertThat(read((MetadataReader reader) -> reader.buckets(OWNER)))
                .extracting(BucketRecord::name)
                .containsExactly("alpha", "bravo", "charlie");
        assertThat(read((MetadataReader reader) -> reader.buckets("999999999999"))).extracting(BucketRecord::name).containsExactly("delta");
        assertThat(read((MetadataReader reader) -> reader.buckets("000000000000"))).isEmpty();
    }

    @Test
    public void refusesToDeleteABucketHoldingVersionsButTakesItsUploadsAlong()
    {
        createBucket("full");
        putLatest(deleteMarker("full", "k", "v1"));
        assertThatThrownBy(() -> write(tx -> {
            tx.deleteBucket("full");
            return null;
        })).isInstanceOf(MetadataStoreException.class);
        assertThat(read((MetadataReader reader) -> reader.bucket("full"))).isPresent();

        createBucket("uploads");
        write(tx -> {
            tx.createUpload(upload("u1", "uploads", "k", T0));
            tx.putPart(part("u1", 1, BlobId.random()));
            return null;
        });
        write(tx -> {
            tx.deleteBucket("uploads");
            return null;
        });
        assertThat(read((MetadataReader reader) -> reader.upload("u1"))).isEmpty();
        assertThat(read((MetadataReader reader) -> reader.parts("u1", 0, 10))).isEmpty();
    }

    // versions

    @Test
    public void storesVersionsExactlyWithIncreasingSequences()
    {
        createBucket("b");
        ObjectVersion first = object("b", "k", "v1", BlobId.random(), BlobId.random());
        ObjectVersion second = deleteMarker("b", "k", "v2");
        ObjectVersion storedFirst = write(tx -> tx.putVersion(first));
        ObjectVersion storedSecond = write(tx -> tx.putVersion(second));

        assertThat(storedFirst.sequence()).isPositive();
        assertThat(storedSecond.sequence()).isGreaterThan(storedFirst.sequence());
        assertThat(withoutSequence(storedFirst)).isEqualTo(first);
        assertThat(read((MetadataReader reader) -> reader.version("b", "k", "v1"))).contains(storedFirst);
        assertThat(read((MetadataReader reader) -> reader.version("b", "k", "v2"))).contains(storedSecond);
        assertThat(read((MetadataReader reader) -> reader.version("b", "k", "v3"))).isEmpty();
        assertThat(read((MetadataReader reader) -> reader.version("b", "other", "v1"))).isEmpty();
        assertThat(read((MetadataReader reader) -> reader.version("b", "k", "v1")).orElseThrow().lastModified()).isEqualTo(first.lastModified());
    }

    @Test
    public void replacingAVersionGivesItANewHigherSequence()
    {
        createBucket("b");
        ObjectVersion original = write(tx -> tx.putVersion(object("b", "k", ObjectVersion.NULL_VERSION)));
        ObjectVersion other = write(tx -> tx.putVersion(object("b", "other", "v1")));
        ObjectVersion replacement = object("b", "k", ObjectVersion.NULL_VERSION).withAttributes(Map.of("content-type", "image/png"));
        ObjectVersion stored = write(tx -> tx.putVersion(replacement));

        assertThat(stored.sequence()).isGreaterThan(other.sequence()).isGreaterThan(original.sequence());
        assertThat(read((MetadataReader reader) -> reader.version("b", "k", ObjectVersion.NULL_VERSION))).contains(stored);
        assertThat(read((MetadataReader reader) -> reader.versions("b", "k", Optional.empty(), Optional.empty(), 10)))
                .filteredOn(version -> version.key().equals("k"))
                .containsExactly(stored);
    }

    @Test
    public void sequencesAreNeverReused()
    {
        createBucket("b");
        ObjectVersion first = write(tx -> tx.putVersion(object("b", "k", "v1")));
        write(tx -> tx.deleteVersion("b", "k", "v1"));
        assertThat(write((MetadataTransaction tx) -> tx.putVersion(object("b", "k", "v1"))).sequence()).isGreaterThan(first.sequence());
    }

    @Test
    public void setLatestMovesTheFlagToExactlyOneVersion()
    {
        createBucket("b");
        putLatest(object("b", "k", "v1"));
        putLatest(object("b", "k", "v2"));
        putLatest(object("b", "k2", "v1"));

        assertThat(read((MetadataReader reader) -> reader.latest("b", "k")).map(ObjectVersion::versionId)).contains("v2");
        assertThat(read((MetadataReader reader) -> reader.version("b", "k", "v1")).orElseThrow().latest()).isFalse();

        write(tx -> {
            tx.setLatest("b", "k", Optional.of("v1"));
            return null;
        });
        assertThat(read((MetadataReader reader) -> reader.latest("b", "k")).map(ObjectVersion::versionId)).contains("v1");
        assertThat(read((MetadataReader reader) -> reader.version("b", "k", "v2")).orElseThrow().latest()).isFalse();
        assertThat(read((MetadataReader reader) -> reader.latest("b", "k2")).map(ObjectVersion::versionId)).as("other keys untouched").contains("v1");

        write(tx -> {
            tx.setLatest("b", "k", Optional.empty());
            return null;
        });
        assertThat(read((MetadataReader reader) -> reader.latest("b", "k"))).isEmpty();
        assertThat(read((MetadataReader reader) -> reader.versions("b", "k", Optional.empty(), Optional.empty(), 10)))
                .filteredOn(version -> version.key().equals("k"))
                .extracting(ObjectVersion::latest)
                .containsExactly(false, false);

        assertThatThrownBy(() -> write(tx -> {
            tx.setLatest("b", "k", Optional.of("v9"));
            return null;
        })).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    public void latestMayBeADeleteMarker()
    {
        createBucket("b");
        putLatest(object("b", "k", "v1"));
        ObjectVersion marker = putLatest(deleteMarker("b", "k", "v2"));

        assertThat(read((MetadataReader reader) -> reader.latest("b", "k"))).contains(marker);
        assertThat(read((MetadataReader reader) -> reader.latestObjects("b", "", Optional.empty(), 10))).isEmpty();
    }

    @Test
    public void deleteVersionReturnsWhatItRemoved()
    {
        createBucket("b");
        ObjectVersion stored = putLatest(object("b", "k", "v1"));

        assertThat(write((MetadataTransaction tx) -> tx.deleteVersion("b", "k", "v1"))).contains(stored.withLatest(true));
        assertThat(write((MetadataTransaction tx) -> tx.deleteVersion("b", "k", "v1"))).isEmpty();
        assertThat(read((MetadataReader reader) -> reader.version("b", "k", "v1"))).isEmpty();
        assertThat(read((MetadataReader reader) -> reader.latest("b", "k"))).isEmpty();
    }

    @Test
    public void updateVersionReplacesAttributesAndStorageClassOnly()
    {
        createBucket("b");
        ObjectVersion stored = putLatest(object("b", "k", "v1"));
        ObjectVersion changed = stored.withAttributes(Map.of("tagging", "a=b")).withStorageClass("GLACIER");
        write(tx -> {
            tx.updateVersion(changed.withSequence(12345));
            return null;
        });
        assertThat(read((MetadataReader reader) -> reader.version("b", "k", "v1"))).contains(changed);

        assertThatThrownBy(() -> write(tx -> {
            tx.updateVersion(object("b", "k", "v2"));
            return null;
        })).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    public void hasObjectsCountsDeleteMarkersToo()
    {
        createBucket("b");
        createBucket("other");
        assertThat(read((MetadataReader reader) -> reader.hasObjects("b"))).isFalse();
        putLatest(deleteMarker("b", "k", "v1"));
        assertThat(read((MetadataReader reader) -> reader.hasObjects("b"))).isTrue();
        assertThat(read((MetadataReader reader) -> reader.hasObjects("other"))).isFalse();
        write(tx -> tx.deleteVersion("b", "k", "v1"));
        assertThat(read((MetadataReader reader) -> reader.hasObjects("b"))).isFalse();
    }

    @Test
    public void refusesVersionsAndUploadsInMissingBuckets()
    {
        assertThatThrownBy(() -> write(tx -> tx.putVersion(object("nowhere", "k", "v1")))).isInstanceOf(MetadataStoreException.class);
        assertThatThrownBy(() -> write(tx -> {
            tx.createUpload(upload("u1", "nowhere", "k", T0));
            return null;
        })).isInstanceOf(MetadataStoreException.class);
        assertThatThrownBy(() -> write(tx -> tx.putPart(part("no-upload", 1, BlobId.random())))).isInstanceOf(MetadataStoreException.class);
    }

    @Test
    public void limitsAreHonoured()
    {
        createBucket("b");
        putLatest(object("b", "k", "v1"));
        assertThat(read((MetadataReader reader) -> reader.latestObjects("b", "", Optional.empty(), 0))).isEmpty();
        assertThat(read((MetadataReader reader) -> reader.versions("b", "", Optional.empty(), Optional.empty(), 0))).isEmpty();
        assertThatThrownBy(() -> read(reader -> reader.latestObjects("b", "", Optional.empty(), -1))).isInstanceOf(IllegalArgumentException.class);
    }

    // key order

    /** Keys whose UTF-8 order differs from Java's UTF-16 order and from naive byte tricks. */
    protected static List<String> unicodeKeys()
    {
        return List.of(
                "a", "a/b", "a0", "A", "Z", "z", "é", "e\u0301", "ü", "ß", "中", "中文/文件", "日本",
                "\uD83D\uDE00", "\uD83D\uDE00/x", "\uD83C\uDF89", "\uD800\uDC00", "\uDBFF\uDFFF",
                "\uE000", "\uFB01", "\uFF5E", "\uFFFD", "\uFFFF", "\uD7FF", "~", "\u007F", "\u0080", " ", "");
    }

    @Test
    public void ordersKeysByTheirUtf8Bytes()
    {
        createBucket("b");
        List<String> keys = new ArrayList<>(unicodeKeys());
        keys.remove("");
        for (String key : keys) {
            putLatest(object("b", key, "v1"));
            write(tx -> {
                tx.createUpload(upload("u-" + key, "b", key, T0));
                return null;
            });
        }
        List<String> expected = keys.stream().sorted(UTF8_BYTES).toList();

        assertThat(read((MetadataReader reader) -> reader.latestObjects("b", "", Optional.empty(), 1000)))
                .extracting(ObjectVersion::key).containsExactlyElementsOf(expected);
        assertThat(read((MetadataReader reader) -> reader.versions("b", "", Optional.empty(), Optional.empty(), 1000)))
                .extracting(ObjectVersion::key).containsExactlyElementsOf(expected);
        assertThat(read((MetadataReader reader) -> reader.uploads("b", "", Optional.empty(), Optional.empty(), 1000)))
                .extracting(UploadRecord::key).containsExactlyElementsOf(expected);

        for (String marker : expected) {
            assertThat(read((MetadataReader reader) -> reader.latestObjects("b", "", Optional.of(marker), 1000)))
                    .as("after %s", marker)
                    .extracting(ObjectVersion::key)
                    .containsExactlyElementsOf(expected.subList(expected.indexOf(marker) + 1, expected.size()));
        }
    }

    @Test
    public void selectsPrefixesExactlyAtCodePointBoundaries()
    {
        createBucket("b");
        List<String> keys = List.of(
                "a", "a\uFFFF", "a\uFFFFz", "a\uD800\uDC00", "b", "\uD7FF", "\uD7FFx", "\uE000", "\uD83D\uDE00", "\uD83D\uDE00\uD83D\uDE00",
                "\uD83D\uDE01", "\uDBFF\uDFFF", "\uDBFF\uDFFF\uDBFF\uDFFF", "\uDBFF\uDFFFa", "é", "éa", "ê");
        for (String key : keys) {
            putLatest(object("b", key, "v1"));
        }
        for (String prefix : List.of("", "a", "a\uFFFF", "\uD7FF", "\uD83D\uDE00", "\uDBFF\uDFFF", "\uDBFF\uDFFF\uDBFF\uDFFF", "é", "x")) {
            List<String> expected = keys.stream().filter(key -> key.startsWith(prefix)).sorted(UTF8_BYTES).toList();
            assertThat(read((MetadataReader reader) -> reader.latestObjects("b", prefix, Optional.empty(), 1000)))
                    .as("prefix %s", prefix)
                    .extracting(ObjectVersion::key)
                    .containsExactlyElementsOf(expected);
            assertThat(read((MetadataReader reader) -> reader.versions("b", prefix, Optional.empty(), Optional.empty(), 1000)))
                    .as("prefix %s", prefix)
                    .extracting(ObjectVersion::key)
                    .containsExactlyElementsOf(expected);
        }
    }

    // listing objects

    @Test
    public void pagesThroughThousandsOfLatestObjects()
    {
        createBucket("b");
        createBucket("other");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            keys.add("dir%d/%s/%05d".formatted(i % 3, i % 2 == 0 ? "even" : "odd", i * 7919 % 10007));
        }
        keys.addAll(unicodeKeys().stream().filter(key -> !key.isEmpty()).map(key -> "dir1/" + key).toList());
        Set<String> deleted = new HashSet<>();
        write(tx -> {
            int i = 0;
            for (String key : keys) {
                tx.putVersion(object("b", key, "v1").withLatest(i % 5 != 0));
                if (i % 5 == 0) {
                    // an older version under a newer one
                    tx.putVersion(object("b", key, "v2"));
                }
                if (i % 11 == 0) {
                    tx.setLatest("b", key, Optional.empty());
                    tx.putVersion(deleteMarker("b", key, "dm"));
                    deleted.add(key);
                }
                i++;
            }
            tx.putVersion(object("other", "dir1/x", "v1"));
            return null;
        });

        for (String prefix : List.of("", "dir1/", "dir2/even/", "dir0/odd/0", "dir3/")) {
            List<String> expected = keys.stream()
                    .filter(key -> key.startsWith(prefix) && !deleted.contains(key))
                    .sorted(UTF8_BYTES)
                    .toList();
            for (int pageSize : List.of(1, 7, 100, 5000)) {
                List<String> seen = new ArrayList<>();
                Optional<String> startAfter = Optional.empty();
                for (int pages = 0; ; pages++) {
                    assertThat(pages).as("pages needed").isLessThanOrEqualTo(MAX_PAGES);
                    Optional<String> after = startAfter;
                    List<ObjectVersion> page = read(reader -> reader.latestObjects("b", prefix, after, pageSize));
                    assertThat(page.size()).isLessThanOrEqualTo(pageSize);
                    assertThat(page).allSatisfy(version -> {
                        assertThat(version.latest()).isTrue();
                        assertThat(version.deleteMarker()).isFalse();
                        assertThat(version.bucket()).isEqualTo("b");
                    });
                    page.forEach(version -> seen.add(version.key()));
                    if (page.size() < pageSize) {
                        break;
                    }
                    startAfter = Optional.of(page.get(page.size() - 1).key());
                }
                assertThat(seen).as("prefix %s page size %s", prefix, pageSize).containsExactlyElementsOf(expected);
            }
        }

        // a marker before the prefix starts at the prefix; one past it ends the listing
        assertThat(read((MetadataReader reader) -> reader.latestObjects("b", "dir2/", Optional.of("a"), 1)))
                .extracting(ObjectVersion::key)
                .containsExactly(keys.stream().filter(key -> key.startsWith("dir2/") && !deleted.contains(key)).min(UTF8_BYTES).orElseThrow());
        assertThat(read((MetadataReader reader) -> reader.latestObjects("b", "dir1/", Optional.of("dir2"), 10))).isEmpty();
    }

    @Test
    public void latestObjectsFromStartsAtTheKeyInclusive()
    {
        createBucket("b");
        for (String key : List.of("a/1", "a/2", "b/1", "b/2", "c")) {
            putLatest(object("b", key, "v1"));
        }
        putLatest(deleteMarker("b", "b/1", "dm"));
        String afterA = KeyOrder.prefixEnd("a/").orElseThrow();

        assertThat(read((MetadataReader reader) -> reader.latestObjectsFrom("b", "", afterA, 10))).extracting(ObjectVersion::key).containsExactly("b/2", "c");
        assertThat(read((MetadataReader reader) -> reader.latestObjectsFrom("b", "", "a/2", 10))).extracting(ObjectVersion::key).containsExactly("a/2", "b/2", "c");
        assertThat(read((MetadataReader reader) -> reader.latestObjectsFrom("b", "", "a/2", 1))).extracting(ObjectVersion::key).containsExactly("a/2");
        assertThat(read((MetadataReader reader) -> reader.latestObjectsFrom("b", "b/", "a/2", 10))).extracting(ObjectVersion::key).containsExactly("b/2");
        assertThat(read((MetadataReader reader) -> reader.latestObjectsFrom("b", "", "a/2", 0))).isEmpty();
    }

    // listing versions

    /** Keys with several versions and delete markers; returns every entry in listing order. */
    private List<String> putVersionHistory()
    {
        createBucket("b");
        createBucket("other");
        // key -> versions in the order they are written (oldest first)
        Map<String, List<String>> history = new LinkedHashMap<>();
        history.put("p/k2", List.of("a", "b", "dm1", "c"));
        history.put("p/k1", List.of("x"));
        history.put("p/é", List.of("dm1", "dm2"));
        history.put("p/\uD83D\uDE00", List.of("v1", "v2", "v3"));
        history.put("p/\uFF5E", List.of(ObjectVersion.NULL_VERSION, "v2"));
        history.put("p/k10", List.of("z9", "z1", "z5", "dm"));
        history.put("q", List.of("only"));
        history.put("p", List.of("root", "dm"));
        // interleave the writes across keys so sequences do not follow key order
        int round = 0;
        boolean wrote = true;
        while (wrote) {
            wrote = false;
            for (Map.Entry<String, List<String>> entry : history.entrySet()) {
                if (round < entry.getValue().size()) {
                    String versionId = entry.getValue().get(round);
                    putLatest(versionId.startsWith("dm") ? deleteMarker("b", entry.getKey(), versionId) : object("b", entry.getKey(), versionId));
                    wrote = true;
                }
            }
            round++;
        }
        putLatest(object("other", "p/k1", "elsewhere"));
        List<String> expected = new ArrayList<>();
        history.keySet().stream().sorted(UTF8_BYTES).forEach(key -> {
            List<String> newestFirst = new ArrayList<>(history.get(key));
            java.util.Collections.reverse(newestFirst);
            newestFirst.forEach(versionId -> expected.add(key + "#" + versionId));
        });
        return expected;
    }

    private static String entry(ObjectVersion version)
    {
        return version.key() + "#" + version.versionId();
    }

    @Test
    public void pagesVersionsLikeListObjectVersionsAtEveryPageSize()
    {
        List<String> all = putVersionHistory();
        for (String prefix : List.of("", "p", "p/", "p/k1", "r")) {
            List<String> expected = all.stream().filter(entry -> entry.startsWith(prefix)).toList();
            for (int pageSize = 1; pageSize <= 7; pageSize++) {
                int size = pageSize;
                List<String> seen = new ArrayList<>();
                Optional<String> keyMarker = Optional.empty();
                Optional<String> versionIdMarker = Optional.empty();
                for (int pages = 0; ; pages++) {
                    assertThat(pages).as("pages needed").isLessThanOrEqualTo(MAX_PAGES);
                    Optional<String> key = keyMarker;
                    Optional<String> versionId = versionIdMarker;
                    List<ObjectVersion> page = read(reader -> reader.versions("b", prefix, key, versionId, size));
                    assertThat(page.size()).isLessThanOrEqualTo(size);
                    page.forEach(version -> seen.add(entry(version)));
                    if (page.size() < size) {
                        break;
                    }
                    ObjectVersion last = page.get(page.size() - 1);
                    keyMarker = Optional.of(last.key());
                    versionIdMarker = Optional.of(last.versionId());
                }
                assertThat(seen).as("prefix '%s' page size %s", prefix, size).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    public void versionsAfterAKeyMarkerAloneSkipEveryVersionOfThatKey()
    {
        List<String> all = putVersionHistory();
        List<String> keys = all.stream().map(entry -> entry.substring(0, entry.indexOf('#'))).distinct().toList();
        for (String marker : keys) {
            List<String> expected = all.stream()
                    .filter(entry -> UTF8_BYTES.compare(entry.substring(0, entry.indexOf('#')), marker) > 0)
                    .toList();
            assertThat(read((MetadataReader reader) -> reader.versions("b", "", Optional.of(marker), Optional.empty(), 100)))
                    .as("after key %s", marker)
                    .extracting(MetadataStoreContractTest::entry)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(read((MetadataReader reader) -> reader.versions("b", "", Optional.empty(), Optional.of("a"), 100)))
                .as("a version-id marker without a key marker is ignored")
                .extracting(MetadataStoreContractTest::entry)
                .containsExactlyElementsOf(all);
    }

    @Test
    public void versionsAfterAVanishedVersionMarkerRepeatRatherThanSkip()
    {
        List<String> all = putVersionHistory();
        write(tx -> tx.deleteVersion("b", "p/k2", "b"));
        List<String> expected = all.stream()
                .filter(entry -> UTF8_BYTES.compare(entry.substring(0, entry.indexOf('#')), "p/k2") >= 0 && !entry.equals("p/k2#b"))
                .toList();
        assertThat(read((MetadataReader reader) -> reader.versions("b", "", Optional.of("p/k2"), Optional.of("b"), 100)))
                .extracting(MetadataStoreContractTest::entry)
                .containsExactlyElementsOf(expected);
    }

    @Test
    public void versionsFromStartsWithEveryVersionOfTheKey()
    {
        List<String> all = putVersionHistory();
        List<String> fromK10 = all.stream().filter(entry -> UTF8_BYTES.compare(entry.substring(0, entry.indexOf('#')), "p/k10") >= 0).toList();
        assertThat(read((MetadataReader reader) -> reader.versionsFrom("b", "", "p/k10", 100)))
                .extracting(MetadataStoreContractTest::entry)
                .containsExactlyElementsOf(fromK10);
        assertThat(read((MetadataReader reader) -> reader.versionsFrom("b", "", "p/k10", 2)))
                .extracting(MetadataStoreContractTest::entry)
                .containsExactlyElementsOf(fromK10.subList(0, 2));
        assertThat(read((MetadataReader reader) -> reader.versionsFrom("b", "p/", "p/k10", 100)))
                .extracting(MetadataStoreContractTest::entry)
                .containsExactlyElementsOf(fromK10.stream().filter(entry -> entry.startsWith("p/")).toList());
    }

    // uploads and parts

    @Test
    public void pagesUploadsLikeListMultipartUploads()
    {
        createBucket("b");
        createBucket("other");
        List<UploadRecord> uploads = new ArrayList<>();
        String[] keys = {"x/2", "x/1", "x/é", "x/\uD83D\uDE00", "x/\uFF5E", "y"};
        int n = 0;
        for (String key : keys) {
            for (int i = 0; i < 3; i++) {
                // the last two uploads of a key share an initiation time, so the upload id breaks the tie
                Instant initiated = T0.plusMillis(1000 - Math.min(i, 1) * 10);
                uploads.add(upload("u%02d".formatted(30 - n), "b", key, initiated));
                n++;
            }
        }
        write(tx -> {
            uploads.forEach(tx::createUpload);
            tx.createUpload(upload("elsewhere", "other", "x/1", T0));
            return null;
        });
        for (int i = 0; i < uploads.size(); i++) {
            UploadRecord upload = uploads.get(i);
            assertThat(read((MetadataReader reader) -> reader.upload(upload.uploadId()))).contains(upload);
        }
        List<String> expected = uploads.stream()
                .sorted(java.util.Comparator.comparing(UploadRecord::key, UTF8_BYTES)
                        .thenComparing(UploadRecord::initiated)
                        .thenComparing(UploadRecord::uploadId))
                .map(UploadRecord::uploadId)
                .toList();

        for (String prefix : List.of("", "x/", "y", "z")) {
            List<String> expectedWithPrefix = expected.stream()
                    .filter(id -> uploads.stream().anyMatch(upload -> upload.uploadId().equals(id) && upload.key().startsWith(prefix)))
                    .toList();
            for (int pageSize = 1; pageSize <= 5; pageSize++) {
                int size = pageSize;
                List<String> seen = new ArrayList<>();
                Optional<String> keyMarker = Optional.empty();
                Optional<String> uploadIdMarker = Optional.empty();
                for (int pages = 0; ; pages++) {
                    assertThat(pages).as("pages needed").isLessThanOrEqualTo(MAX_PAGES);
                    Optional<String> key = keyMarker;
                    Optional<String> id = uploadIdMarker;
                    List<UploadRecord> page = read(reader -> reader.uploads("b", prefix, key, id, size));
                    page.forEach(upload -> seen.add(upload.uploadId()));
                    if (page.size() < size) {
                        break;
                    }
                    keyMarker = Optional.of(page.get(page.size() - 1).key());
                    uploadIdMarker = Optional.of(page.get(page.size() - 1).uploadId());
                }
                assertThat(seen).as("prefix '%s' page size %s", prefix, size).containsExactlyElementsOf(expectedWithPrefix);
            }
        }

        // a key marker alone skips every upload of that key; an unknown upload-id marker repeats them
        assertThat(read((MetadataReader reader) -> reader.uploads("b", "", Optional.of("x/2"), Optional.empty(), 100)))
                .extracting(UploadRecord::key)
                .doesNotContain("x/1", "x/2")
                .contains("x/é");
        assertThat(read((MetadataReader reader) -> reader.uploads("b", "", Optional.of("x/2"), Optional.of("unknown"), 3)))
                .extracting(UploadRecord::key)
                .containsExactly("x/2", "x/2", "x/2");
    }

    @Test
    public void storesAndPagesParts()
    {
        createBucket("b");
        write(tx -> {
            tx.createUpload(upload("u1", "b", "k", T0));
            tx.createUpload(upload("u2", "b", "k", T0));
            return null;
        });
        Map<Integer, PartRecord> parts = new HashMap<>();
        for (int number : new int[] {7, 1, 10000, 3, 2, 9, 4, 5, 6, 8}) {
            PartRecord part = part("u1", number, BlobId.random());
            parts.put(number, part);
            assertThat(write((MetadataTransaction tx) -> tx.putPart(part))).isEmpty();
        }
        write(tx -> tx.putPart(part("u2", 1, BlobId.random())));
        PartRecord replacement = part("u1", 3, BlobId.random());
        assertThat(write((MetadataTransaction tx) -> tx.putPart(replacement))).contains(parts.get(3));
        parts.put(3, replacement);

        List<PartRecord> expected = parts.values().stream().sorted(java.util.Comparator.comparingInt(PartRecord::partNumber)).toList();
        for (int pageSize = 1; pageSize <= 4; pageSize++) {
            List<PartRecord> seen = new ArrayList<>();
            int after = 0;
            for (int pages = 0; ; pages++) {
                assertThat(pages).as("pages needed").isLessThanOrEqualTo(MAX_PAGES);
                int marker = after;
                int size = pageSize;
                List<PartRecord> page = read(reader -> reader.parts("u1", marker, size));
                seen.addAll(page);
                if (page.size() < size) {
                    break;
                }
                after = page.get(page.size() - 1).partNumber();
            }
            assertThat(seen).containsExactlyElementsOf(expected);
        }

        write(tx -> {
            tx.deleteUpload("u1");
            tx.deleteUpload("never-existed");
            return null;
        });
        assertThat(read((MetadataReader reader) -> reader.upload("u1"))).isEmpty();
        assertThat(read((MetadataReader reader) -> reader.parts("u1", 0, 100))).isEmpty();
        assertThat(read((MetadataReader reader) -> reader.parts("u2", 0, 100))).hasSize(1);
    }

    // transactions

    @Test
    public void aWriteThatThrowsLeavesNothingBehind()
    {
        createBucket("kept");
        ObjectVersion kept = putLatest(object("kept", "k", "v1"));
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> write(tx -> {
            tx.createBucket(bucket("new"));
            tx.putVersion(object("new", "k", "v1"));
            tx.putVersion(object("kept", "k", "v2"));
            tx.setLatest("kept", "k", Optional.of("v2"));
            tx.deleteVersion("kept", "k", "v1");
            tx.createUpload(upload("u1", "kept", "k", T0));
            tx.putPart(part("u1", 1, BlobId.random()));
            tx.updateBucket(bucket("kept").withVersioning("Enabled"));
            throw failure;
        })).isSameAs(failure);

        assertThat(read((MetadataReader reader) -> reader.bucket("new"))).isEmpty();
        assertThat(read((MetadataReader reader) -> reader.bucket("kept"))).contains(bucket("kept"));
        assertThat(read((MetadataReader reader) -> reader.versions("kept", "", Optional.empty(), Optional.empty(), 10))).containsExactly(kept.withLatest(true));
        assertThat(read((MetadataReader reader) -> reader.upload("u1"))).isEmpty();

        // the store keeps working, and the next write sees only committed state
        assertThat(write((MetadataTransaction tx) -> tx.createBucket(bucket("new")))).isTrue();
        assertThat(write((MetadataTransaction tx) -> tx.putVersion(object("kept", "k", "v2"))).sequence()).isGreaterThan(kept.sequence());
    }

    @Test
    public void aTransactionReadsItsOwnWrites()
    {
        createBucket("b");
        List<String> seen = write(tx -> {
            tx.putVersion(object("b", "k", "v1"));
            tx.createUpload(upload("u1", "b", "k", T0));
            return List.of(
                    String.valueOf(tx.hasObjects("b")),
                    tx.latest("b", "k").orElseThrow().versionId(),
                    tx.upload("u1").orElseThrow().key());
        });
        assertThat(seen).containsExactly("true", "v1", "k");
    }

    @Test
    public void dataSurvivesCloseAndReopen()
    {
        createBucket("b");
        ObjectVersion version = putLatest(object("b", "k", "v1", BlobId.random(), BlobId.random()));
        write(tx -> {
            tx.createUpload(upload("u1", "b", "k", T0));
            tx.putPart(part("u1", 1, BlobId.random()));
            return null;
        });
        store.putSetting("account-id", "123456789012");
        List<PartRecord> parts = read(reader -> reader.parts("u1", 0, 10));

        store.close();
        store = openStore();

        assertThat(read((MetadataReader reader) -> reader.bucket("b"))).contains(bucket("b"));
        assertThat(read((MetadataReader reader) -> reader.latest("b", "k"))).contains(version.withLatest(true));
        assertThat(read((MetadataReader reader) -> reader.upload("u1"))).contains(upload("u1", "b", "k", T0));
        assertThat(read((MetadataReader reader) -> reader.parts("u1", 0, 10))).isEqualTo(parts).hasSize(1);
        assertThat(store.setting("account-id")).contains("123456789012");
        assertThat(write((MetadataTransaction tx) -> tx.putVersion(object("b", "k", "v2"))).sequence()).isGreaterThan(version.sequence());
    }

    @Test
    public void settingsAreStoredAndReplaced()
    {
        assertThat(store.setting("region")).isEmpty();
        store.putSetting("region", "eu-west-1");
        store.putSetting("other", "x");
        store.putSetting("region", "us-east-1");
        assertThat(store.setting("region")).contains("us-east-1");
        assertThat(store.setting("other")).contains("x");
    }

    @Test
    public void concurrentWritersAllLand()
            throws Exception
    {
        createBucket("b");
        int threads = 8;
        int writesPerThread = 40;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(executor.submit(() -> {
                    start.await();
                    List<Long> sequences = new ArrayList<>();
                    for (int i = 0; i < writesPerThread; i++) {
                        String key = "t%d/%03d".formatted(thread, i);
                        sequences.add(write(tx -> tx.putVersion(object("b", key, "v1"))).sequence());
                        read(reader -> reader.latestObjects("b", "t", Optional.empty(), 5));
                    }
                    return sequences;
                }));
            }
            start.countDown();
            Set<Long> sequences = new HashSet<>();
            for (Future<List<Long>> result : results) {
                sequences.addAll(result.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS));
            }
            assertThat(sequences).as("every write got its own sequence").hasSize(threads * writesPerThread);
        }
        finally {
            executor.shutdownNow();
        }
        List<String> expected = IntStream.range(0, threads).boxed()
                .flatMap(t -> IntStream.range(0, writesPerThread).mapToObj(i -> "t%d/%03d".formatted(t, i)))
                .toList();
        assertThat(read((MetadataReader reader) -> reader.latestObjects("b", "", Optional.empty(), 10_000)))
                .extracting(ObjectVersion::key)
                .containsExactlyElementsOf(expected);
    }

    @Test
    public void aReaderDuringAWriteSeesTheStateBeforeIt()
            throws Exception
    {
        createBucket("b");
        putLatest(object("b", "before", "v1"));
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> writer = executor.submit(() -> write(tx -> {
                tx.putVersion(object("b", "during", "v1"));
                tx.createBucket(bucket("new"));
                written.countDown();
                await(release);
                return null;
            }));
            await(written);

            // the writer holds its transaction open; reads neither wait for it nor see its writes
            List<String> keys = CompletableFuture.supplyAsync(() -> read(reader -> reader.latestObjects("b", "", Optional.empty(), 10)))
                    .get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)
                    .stream().map(ObjectVersion::key).toList();
            assertThat(keys).containsExactly("before");
            assertThat(read((MetadataReader reader) -> reader.bucket("new"))).isEmpty();

            release.countDown();
            writer.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
            assertThat(read((MetadataReader reader) -> reader.latestObjects("b", "", Optional.empty(), 10))).extracting(ObjectVersion::key).containsExactly("before", "during");
        }
        finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    public void aReadSeesOneSnapshotWhileWritesCommit()
            throws Exception
    {
        createBucket("b");
        putLatest(object("b", "k0", "v1"));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            List<List<String>> views = read(reader -> {
                List<String> first = reader.latestObjects("b", "", Optional.empty(), 10).stream().map(ObjectVersion::key).toList();
                // commit two writes from another thread while this read is open
                try {
                    executor.submit(() -> {
                        putLatest(object("b", "k1", "v1"));
                        write(tx -> tx.deleteVersion("b", "k0", "v1"));
                    }).get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
                }
                catch (Exception e) {
                    throw new AssertionError(e);
                }
                List<String> second = reader.latestObjects("b", "", Optional.empty(), 10).stream().map(ObjectVersion::key).toList();
                return List.of(first, second);
            });
            assertThat(views.get(0)).containsExactly("k0");
            assertThat(views.get(1)).containsExactly("k0");
            assertThat(read((MetadataReader reader) -> reader.latestObjects("b", "", Optional.empty(), 10))).extracting(ObjectVersion::key).containsExactly("k1");
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    public void readersAndTransactionsCannotBeUsedAfterTheirCall()
    {
        createBucket("b");
        MetadataReader reader = read(r -> r);
        MetadataTransaction transaction = write(tx -> tx);
        assertThatThrownBy(() -> reader.bucket("b")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> transaction.createBucket(bucket("c"))).isInstanceOf(IllegalStateException.class);
        assertThat(read((MetadataReader r) -> r.bucket("c"))).isEmpty();
    }

    // blob references

    @Test
    public void visitsExactlyTheReferencedBlobsOnce()
    {
        createBucket("b");
        BlobId a = BlobId.random();
        BlobId b = BlobId.random();
        BlobId c = BlobId.random();
        BlobId d = BlobId.random();
        BlobId partOnly = BlobId.random();
        BlobId replaced = BlobId.random();
        BlobId deleted = BlobId.random();
        write(tx -> {
            tx.putVersion(object("b", "k1", "v1", a, b));
            tx.putVersion(object("b", "k2", "v1", c));
            tx.putVersion(object("b", "k3", "v1", replaced));
            tx.putVersion(object("b", "k3", "v1", d));
            tx.putVersion(object("b", "k4", "v1", deleted));
            tx.deleteVersion("b", "k4", "v1");
            tx.putVersion(deleteMarker("b", "k5", "dm"));
            tx.putVersion(new ObjectVersion("b", "empty", "v1", 0, true, false, 0, "e", T0, "STANDARD", OWNER, List.of(), Map.of()));
            tx.createUpload(upload("u1", "b", "k", T0));
            tx.putPart(part("u1", 1, partOnly));
            // a completed multipart object shares its blob with the upload part until the upload goes
            tx.putPart(part("u1", 2, c));
            tx.createUpload(upload("u2", "b", "k", T0));
            tx.putPart(part("u2", 1, BlobId.random()));
            tx.deleteUpload("u2");
            return null;
        });

        List<BlobId> visited = new ArrayList<>();
        store.forEachReferencedBlob(visited::add);
        assertThat(visited).containsExactlyInAnyOrder(a, b, c, d, partOnly);
    }

    private static void await(CountDownLatch latch)
    {
        try {
            if (!latch.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
