package dev.tarn.it.durability;

import dev.tarn.it.ServerProcess;
import dev.tarn.it.Sha256;
import dev.tarn.storage.blob.BlobId;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL in the middle of concurrent uploads, then a restart on the same data dir: every
 * upload that was acknowledged reads back byte for byte, whatever is listed reads back whole
 * (an interrupted upload is either all there or not there at all), and no temporary or
 * unreferenced blob file is left behind. Killed at a few different moments of the load.
 */
class KillNineTest
{
    private static final String BUCKET = "crash";
    private static final int THREADS = 8;
    /** The uploads acknowledged in a round before its kill: early, mid-way, late. */
    private static final List<Integer> ACKNOWLEDGED_BEFORE_KILL = List.of(3, 15, 40);
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dataDir;

    private final Map<String, Upload> attempted = new ConcurrentHashMap<>();
    private final Map<String, Upload> acknowledged = new ConcurrentHashMap<>();

    @Test
    void acknowledgedUploadsSurviveKillNine()
            throws Exception
    {
        ServerProcess server = ServerProcess.start(dataDir);
        try {
            try (S3Client s3 = server.s3()) {
                s3.createBucket(request -> request.bucket(BUCKET));
            }
            for (int round = 0; round < ACKNOWLEDGED_BEFORE_KILL.size(); round++) {
                try (S3Client s3 = server.s3()) {
                    UploadLoad load = new UploadLoad(s3, round);
                    load.start();
                    load.awaitAcknowledged(ACKNOWLEDGED_BEFORE_KILL.get(round));
                    load.stopping();
                    server.kill();
                    load.join();
                    assertThat(load.failuresBeforeKill()).as("uploads that failed before the kill").isEmpty();
                    assertThat(load.cutOff()).as("uploads cut off by the kill").isPositive();
                }

                server = ServerProcess.start(dataDir);
                try (S3Client s3 = server.s3()) {
                    assertEverythingAcknowledgedReadsBackAndNothingPartialIsListed(s3);
                }
                // the server is idle: what is on disk now is what its start-up left
                assertNoTemporaryOrOrphanedFiles();
            }
            server.stop();
        }
        finally {
            server.close();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL.stream().mapToInt(Integer::intValue).sum());
    }

    private void assertEverythingAcknowledgedReadsBackAndNothingPartialIsListed(S3Client s3)
            throws IOException
    {
        List<S3Object> listed = s3.listObjectsV2Paginator(request -> request.bucket(BUCKET)).contents().stream().toList();
        Set<String> listedKeys = listed.stream().map(S3Object::key).collect(Collectors.toSet());
        assertThat(listedKeys).as("acknowledged keys are listed").containsAll(acknowledged.keySet());
        for (S3Object object : listed) {
            Upload upload = attempted.get(object.key());
            assertThat(upload).as("listed key %s was uploaded", object.key()).isNotNull();
            assertThat(object.size()).as("listed size of %s", object.key()).isEqualTo(upload.size());
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request -> request.bucket(BUCKET).key(object.key()))) {
                assertThat(in.response().contentLength()).isEqualTo(upload.size());
                assertThat(Sha256.of(in)).as("SHA-256 of %s", object.key()).isEqualTo(upload.sha256());
            }
        }
    }

    /** Compares the blob files with what the metadata refers to, reading the metadata store beside the running server (SQLite allows it). */
    private void assertNoTemporaryOrOrphanedFiles()
            throws IOException
    {
        Path blobs = dataDir.resolve("blobs");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("temporary files").noneMatch(file -> file.getFileName().toString().endsWith(".tmp"));
        assertThat(files).as("files of writes in progress").noneMatch(file -> file.startsWith(blobs.resolve("tmp")));

        List<Path> blobFiles = files.stream().filter(file -> file.startsWith(blobs)).toList();
        Set<String> onDisk = blobFiles.stream().map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        assertThat(onDisk).hasSameSizeAs(blobFiles);
        Set<String> referenced = new HashSet<>();
        try (MetadataStore metadata = SqliteMetadataStore.open(dataDir.resolve("metadata.db"))) {
            metadata.forEachReferencedBlob(id -> referenced.add(id.value()));
        }
        assertThat(onDisk).as("blob files on disk are the blobs the metadata refers to (no orphans, none missing)")
                .isEqualTo(referenced);
        assertThat(onDisk).allSatisfy(BlobId::new);
    }

    private record Upload(String key, long size, String sha256) {}

    /** {@link #THREADS} threads uploading small, multi-MiB and multipart objects of random bytes until told to stop. */
    private final class UploadLoad
    {
        private final S3Client s3;
        private final int round;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicInteger attemptedThisRound = new AtomicInteger();
        private final AtomicInteger acknowledgedThisRound = new AtomicInteger();
        private final List<Exception> failuresBeforeKill = new ArrayList<>();
        private volatile boolean stopping;

        UploadLoad(S3Client s3, int round)
        {
            this.s3 = s3;
            this.round = round;
        }

        void start()
        {
            for (int thread = 0; thread < THREADS; thread++) {
                int number = thread;
                Thread uploader = new Thread(() -> uploadUntilStopped(number), "upload-" + round + "-" + thread);
                uploader.start();
                threads.add(uploader);
            }
        }

        void awaitAcknowledged(int count)
                throws InterruptedException
        {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acknowledgedThisRound.get() < count) {
                if (System.nanoTime() > deadline || threads.stream().noneMatch(Thread::isAlive)) {
                    throw new AssertionError("only " + acknowledgedThisRound.get() + " uploads acknowledged; failures: " + failuresBeforeKill());
                }
                Thread.sleep(5);
            }
        }

        void stopping()
        {
            stopping = true;
        }

        void join()
                throws InterruptedException
        {
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(2));
                assertThat(thread.isAlive()).as("%s ended", thread.getName()).isFalse();
            }
        }

        int cutOff()
        {
            return attemptedThisRound.get() - acknowledgedThisRound.get();
        }

        List<Exception> failuresBeforeKill()
        {
            synchronized (failuresBeforeKill) {
                return List.copyOf(failuresBeforeKill);
            }
        }

        private void uploadUntilStopped(int thread)
        {
            for (int sequence = 0; !stopping; sequence++) {
                String key = "round-%d/thread-%d/%04d".formatted(round, thread, sequence);
                attemptedThisRound.incrementAndGet();
                try {
                    upload(key, sequence);
                    acknowledgedThisRound.incrementAndGet();
                }
                catch (Exception e) {
                    if (!stopping) {
                        synchronized (failuresBeforeKill) {
                            failuresBeforeKill.add(e);
                        }
                    }
                    return;
                }
            }
        }

        private void upload(String key, int sequence)
        {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            boolean multipart = sequence % 8 == 7;
            int size;
            if (multipart) {
                size = 10 * MIB + random.nextInt(MIB);
            }
            else if (sequence % 3 == 2) {
                size = MIB + random.nextInt(3 * MIB);
            }
            else {
                size = 1 + random.nextInt(64 * 1024);
            }
            byte[] data = new byte[size];
            random.nextBytes(data);
            Upload upload = new Upload(key, size, Sha256.of(data));
            attempted.put(key, upload);
            if (multipart) {
                uploadInParts(key, data);
            }
            else {
                s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
            }
            acknowledged.put(key, upload);
        }

        /** Parts of 5 MiB (the smallest S3 allows but for the last) and the rest. */
        private void uploadInParts(String key, byte[] data)
        {
            String uploadId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(key)).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            int partSize = 5 * MIB;
            for (int offset = 0, number = 1; offset < data.length; offset += partSize, number++) {
                byte[] part = Arrays.copyOfRange(data, offset, Math.min(data.length, offset + partSize));
                int partNumber = number;
                String etag = s3.uploadPart(request -> request.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)
                    .multipartUpload(completed -> completed.parts(parts)));
        }
    }
}
