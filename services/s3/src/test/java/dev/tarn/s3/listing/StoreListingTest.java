package dev.tarn.s3.listing;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Xml;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.security.RootOnlyAuthorizer;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Object, version and upload listings over the real SQLite metadata store. */
class StoreListingTest
{
    private static final String OWNER = "123456789012";
    private static final String BUCKET = "listing";

    @TempDir
    Path dir;
    private MetadataStore store;
    private ObjectListings objects;
    private VersionListings versions;

    @BeforeEach
    void open()
    {
        store = SqliteMetadataStore.open(dir.resolve("metadata.db"));
        S3Xml xml = new S3Xml();
        BucketAccess access = new BucketAccess(store, new RootOnlyAuthorizer());
        objects = new ObjectListings(store, xml, access);
        versions = new VersionListings(store, xml, access);
        store.write(transaction -> transaction.createBucket(new BucketRecord(BUCKET, OWNER, "us-east-1", Instant.EPOCH, Optional.empty(), Map.of())));
    }

    @AfterEach
    void close()
    {
        store.close();
    }

    @Test
    void pagesOverThousandsOfKeysWithAndWithoutDelimiter()
            throws Exception
    {
        List<String> keys = new ArrayList<>();
        IntStream.range(0, 3000).forEach(i -> keys.add("d%02d/f%04d".formatted(i % 30, i)));
        keys.add("a b+c");
        keys.add("zz");
        put(keys);
        List<String> sorted = keys.stream().sorted().toList();

        List<String> listed = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Map<String, String> query = new LinkedHashMap<>(Map.of("list-type", "2", "max-keys", "250", "encoding-type", "url"));
            token.ifPresent(value -> query.put("continuation-token", value));
            Document page = call(objects.listObjectsV2(request(query)));
            listed.addAll(texts(page, "Key").stream().map(key -> dev.tarn.gateway.http.UriCodec.decode(key, false)).toList());
            token = texts(page, "NextContinuationToken").stream().findFirst();
        }
        while (token.isPresent());
        assertThat(listed).containsExactlyElementsOf(sorted);

        Document rolled = call(objects.listObjectsV2(request(Map.of("list-type", "2", "delimiter", "/", "max-keys", "1000"))));
        assertThat(texts(rolled, "Prefix").subList(1, 31)).hasSize(30).allMatch(prefix -> prefix.matches("d\\d\\d/"));
        assertThat(texts(rolled, "Key")).containsExactly("a b+c", "zz");
        assertThat(texts(rolled, "KeyCount")).containsExactly("32");

        // v1 with delimiter and one entry per page walks NextMarker through each prefix once
        List<String> entries = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        while (true) {
            Map<String, String> query = new LinkedHashMap<>(Map.of("delimiter", "/", "max-keys", "1"));
            marker.ifPresent(value -> query.put("marker", value));
            Document page = call(objects.listObjects(request(query)));
            entries.addAll(texts(page, "Key"));
            List<String> prefixes = texts(page, "Prefix");
            entries.addAll(prefixes.subList(1, prefixes.size()));
            marker = texts(page, "NextMarker").stream().findFirst();
            if (texts(page, "IsTruncated").equals(List.of("false"))) {
                assertThat(marker).isEmpty();
                break;
            }
        }
        assertThat(entries).hasSize(32).doesNotHaveDuplicates();
    }

    @Test
    void versionsPageAcrossDeleteMarkers()
            throws Exception
    {
        store.write(transaction -> {
            for (String key : List.of("a", "b")) {
                for (int i = 0; i < 3; i++) {
                    ObjectVersion version = new ObjectVersion(BUCKET, key, key + "-v" + i, 0, false, false, 1, "e", Instant.EPOCH, "STANDARD", OWNER, List.of(), Map.of());
                    transaction.putVersion(version);
                    transaction.setLatest(BUCKET, key, Optional.of(version.versionId()));
                }
            }
            transaction.putVersion(new ObjectVersion(BUCKET, "a", "a-marker", 0, false, true, 0, "", Instant.EPOCH, "STANDARD", OWNER, List.of(), Map.of()));
            transaction.setLatest(BUCKET, "a", Optional.of("a-marker"));
            return null;
        });
        List<String> all = new ArrayList<>();
        Optional<String> keyMarker = Optional.empty();
        Optional<String> versionMarker = Optional.empty();
        while (true) {
            Map<String, String> query = new LinkedHashMap<>(Map.of("versions", "", "max-keys", "2"));
            keyMarker.ifPresent(value -> query.put("key-marker", value));
            versionMarker.ifPresent(value -> query.put("version-id-marker", value));
            Document page = call(versions.listObjectVersions(request(query)));
            all.addAll(texts(page, "VersionId"));
            keyMarker = texts(page, "NextKeyMarker").stream().findFirst();
            versionMarker = texts(page, "NextVersionIdMarker").stream().findFirst();
            if (keyMarker.isEmpty()) {
                break;
            }
        }
        assertThat(all).containsExactly("a-marker", "a-v2", "a-v1", "a-v0", "b-v2", "b-v1", "b-v0");
    }

    private void put(List<String> keys)
    {
        store.write(transaction -> {
            for (String key : keys) {
                transaction.putVersion(new ObjectVersion(BUCKET, key, "null", 0, true, false, 1, "e", Instant.EPOCH, "STANDARD", OWNER, List.of(), Map.of()));
            }
            return null;
        });
    }

    private static Document call(ServiceResponse response)
            throws Exception
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.body().orElseThrow().writeTo(out);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
    }

    private static List<String> texts(Document document, String element)
    {
        NodeList nodes = document.getElementsByTagName(element);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent()).toList();
    }

    private static ServiceRequest request(Map<String, String> query)
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        query.forEach((name, value) -> parameters.put(name, List.of(value)));
        RequestContext context = new RequestContext("req", Caller.root(OWNER, "AKIA"), "us-east-1", "127.0.0.1", false, Instant.EPOCH);
        return new ServiceRequest()
        {
            public RequestContext context() { return context; }
            public String method() { return "GET"; }
            public String rawPath() { return "/" + BUCKET; }
            public String path() { return "/" + BUCKET; }
            public Optional<String> virtualHostBucket() { return Optional.empty(); }
            public Map<String, List<String>> query() { return parameters; }
            public Headers headers() { return Headers.empty(); }
            public InputStream body() { return InputStream.nullInputStream(); }
            public OptionalLong contentLength() { return OptionalLong.of(0); }
            public Headers trailers() { return Headers.empty(); }
        };
    }
}
