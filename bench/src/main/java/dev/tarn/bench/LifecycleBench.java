package dev.tarn.bench;

import dev.tarn.s3.DataKeyProvider;
import dev.tarn.s3.S3Dependencies;
import dev.tarn.s3.S3Service;
import dev.tarn.s3.lifecycle.FileLifecycleLog;
import dev.tarn.s3.lifecycle.LifecycleConfigurations;
import dev.tarn.s3.lifecycle.LifecycleExecutor;
import dev.tarn.server.MasterKeyDataKeys;
import dev.tarn.storage.blob.BlobWriter;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.blob.LocalBlobStore;
import dev.tarn.storage.blob.StoredBlob;
import dev.tarn.storage.crypto.MasterKey;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.Segment;
import dev.tarn.storage.meta.StoredDocument;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lifecycle throughput: objects expired per second by one scheduler pass. A bucket is filled
 * directly through the metadata store (loading through HTTP would take far longer than the
 * pass), with a rule whose expiration is already due, and the pass is timed until every object
 * is gone: the plan from the snapshot, the batched transactions (each fsynced), the blob
 * deletions and the lifecycle log. Three runs: an unversioned bucket of empty objects (pure
 * metadata), a versioned bucket (each expiry writes a delete marker), and objects with 1 KiB
 * encrypted blobs (each expiry also unlinks a file).
 *
 * <p>Usage: {@code LifecycleBench [objects] [objectsWithBlobs]} (defaults 100000 and 10000).
 */
public final class LifecycleBench
{
    private static final String OWNER = "123456789012";
    private static final int LOAD_BATCH = 10_000;
    private static final String RULE = """
            <LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ID>expire</ID><Filter><Prefix></Prefix></Filter>\
            <Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>""";

    private LifecycleBench() {}

    public static void main(String[] args)
            throws Exception
    {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int withBlobs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        run("unversioned, empty objects", objects, Optional.empty(), false);
        run("versioned (delete markers), empty objects", objects, Optional.of("Enabled"), false);
        run("unversioned, 1 KiB objects", withBlobs, Optional.empty(), true);
    }

    private static void run(String name, int objects, Optional<String> versioning, boolean blobs)
            throws Exception
    {
        Path dataDir = Files.createTempDirectory("tarn-lifecycle-bench-");
        MasterKey master = MasterKey.of(new SecureRandom().generateSeed(32));
        DataKeyProvider dataKeys = new MasterKeyDataKeys(master);
        LocalBlobStore blobStore = new LocalBlobStore(dataDir.resolve("blobs"));
        try (MetadataStore metadata = SqliteMetadataStore.openInDirectory(dataDir)) {
            S3Dependencies dependencies = new S3Dependencies(metadata, blobStore, dataKeys, (context, request) -> { }, Clock.systemUTC(), "us-east-1");
            LifecycleExecutor executor = new S3Service(dependencies).lifecycleExecutor(new FileLifecycleLog(dataDir.resolve("lifecycle").resolve("lifecycle.log")));

            long loadStart = System.nanoTime();
            load(metadata, blobStore, dataKeys, objects, versioning, blobs);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            long start = System.nanoTime();
            LifecycleExecutor.Summary summary = executor.runOnce();
            double seconds = (System.nanoTime() - start) / 1e9;
            int remaining = metadata.read(reader -> reader.latestObjects("bench", "", Optional.empty(), 10)).size();
            if (summary.expired() != objects || remaining != 0) {
                throw new IllegalStateException("expected " + objects + " expired and none left, got " + summary + " and " + remaining + " left");
            }
            System.out.printf(Locale.ROOT, "%-45s %,9d objects expired in %6.2f s: %,8.0f objects/s (loaded in %.1f s)%n",
                    name, objects, seconds, objects / seconds, loadSeconds);
        }
        finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void load(MetadataStore metadata, LocalBlobStore blobStore, DataKeyProvider dataKeys, int objects, Optional<String> versioning,
            boolean blobs)
            throws Exception
    {
        Instant written = Instant.now().minus(Duration.ofDays(3));
        metadata.write(transaction -> {
            transaction.createBucket(new BucketRecord("bench", OWNER, "us-east-1", written, versioning, Map.of(LifecycleConfigurations.CONFIGURATION, RULE)));
            transaction.putDocument(new StoredDocument(LifecycleConfigurations.INDEX, "bench", "{}"));
            return null;
        });
        byte[] content = new byte[1024];
        for (int first = 0; first < objects; first += LOAD_BATCH) {
            List<ObjectVersion> batch = new ArrayList<>();
            for (int i = first; i < Math.min(objects, first + LOAD_BATCH); i++) {
                List<Segment> segments = List.of();
                if (blobs) {
                    try (BlobWriter writer = blobStore.create(dataKeys.newDataKey(), Set.of(ChecksumAlgorithm.MD5))) {
                        writer.output().write(content);
                        StoredBlob blob = writer.commit();
                        segments = List.of(new Segment(blob.id(), blob.length()));
                    }
                }
                String key = String.format(Locale.ROOT, "raw/%04d/%08d.json", i % 1000, i);
                String versionId = versioning.isPresent() ? String.format(Locale.ROOT, "v%031d", i) : ObjectVersion.NULL_VERSION;
                batch.add(new ObjectVersion("bench", key, versionId, 0, true, false, blobs ? content.length : 0, "d41d8cd98f00b204e9800998ecf8427e",
                        written, "STANDARD", OWNER, segments, Map.of("Content-Type", "application/json")));
            }
            metadata.write(transaction -> {
                batch.forEach(transaction::putVersion);
                return null;
            });
        }
    }
}
