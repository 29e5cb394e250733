package dev.tarn.bench;

import dev.tarn.storage.blob.BlobId;
import dev.tarn.storage.blob.BlobWriter;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.blob.DataKey;
import dev.tarn.storage.blob.LocalBlobStore;
import dev.tarn.storage.blob.StoredBlob;
import dev.tarn.storage.checksum.ChecksumCalculator;
import dev.tarn.storage.checksum.Checksums;
import dev.tarn.storage.crypto.MasterKey;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Throughput of the blob store on 64 MiB objects, and of what bounds it on this machine: raw
 * disk write+fsync, AES-256-GCM and each checksum. Single-threaded, as one PUT or GET is.
 * Prints the best and the median of several runs after warm-up, in MB/s (10^6 bytes per second);
 * on a busy machine the best run says more about what the hardware allows.
 *
 * <p>Usage: {@code BlobStoreBench [directory]} (default {@code target/blob-bench}); the directory
 * should be on the disk that will hold the data. Reads follow writes, so they are served from the
 * page cache: they show the CPU cost of decryption, not the disk.
 */
public final class BlobStoreBench
{
    private static final int OBJECT_BYTES = 64 << 20;
    private static final int IO_BUFFER = 64 << 10;
    private static final int WARMUP = 2;
    private static final int RUNS = 5;

    private final Path directory;
    private final byte[] data;

    private BlobStoreBench(Path directory)
    {
        this.directory = directory;
        this.data = new byte[OBJECT_BYTES];
        new Random(1).nextBytes(data);
    }

    public static void main(String[] args)
            throws Exception
    {
        Path directory = Path.of(args.length > 0 ? args[0] : "target/blob-bench").toAbsolutePath();
        Files.createDirectories(directory);
        System.out.printf(Locale.ROOT, "Blob store benchmark: %d MiB objects, %d KiB application buffers, %d runs after %d warm-up runs%n", OBJECT_BYTES >> 20, IO_BUFFER >> 10, RUNS, WARMUP);
        System.out.printf(Locale.ROOT, "java %s on %s, %d cpus, data in %s%n", Runtime.version(), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), directory);
        System.out.printf(Locale.ROOT, "%n  %-44s %8s %8s%n", "MB/s", "best", "median");
        try {
            new BlobStoreBench(directory).run();
        }
        finally {
            deleteRecursively(directory);
        }
    }

    private void run()
            throws Exception
    {
        System.out.println("disk");
        report("write + fsync, 1 MiB writes", this::diskWriteAndSync);

        System.out.println("AES-256-GCM (one Cipher re-initialised per chunk)");
        for (int chunk : new int[] {16 << 10, 64 << 10, 256 << 10, 1 << 20}) {
            report("encrypt, " + (chunk >> 10) + " KiB chunks", () -> gcm(Cipher.ENCRYPT_MODE, chunk));
            report("decrypt, " + (chunk >> 10) + " KiB chunks", () -> gcm(Cipher.DECRYPT_MODE, chunk));
        }

        System.out.println("checksums (64 KiB updates)");
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            report(algorithm.name(), () -> checksum(algorithm));
        }

        MasterKey masterKey = MasterKey.of(randomKey());
        for (int chunk : new int[] {64 << 10, 256 << 10, 1 << 20}) {
            LocalBlobStore store = new LocalBlobStore(directory.resolve("blobs-" + chunk), chunk);
            System.out.printf(Locale.ROOT, "blob store, %d KiB chunks%n", chunk >> 10);
            report("PUT: write + commit, MD5", () -> writeBlob(store, masterKey, Set.of()));
            report("PUT: write + commit, MD5 + CRC64NVME", () -> writeBlob(store, masterKey, Set.of(ChecksumAlgorithm.CRC64NVME)));
            report("PUT: write + commit, MD5 + SHA256", () -> writeBlob(store, masterKey, Set.of(ChecksumAlgorithm.SHA256)));
            DataKey key = masterKey.newDataKey();
            StoredBlob blob = writeOnce(store, key, Set.of());
            report("GET: read whole object", () -> readBlob(store, blob.id(), key, 0, OBJECT_BYTES));
            report("GET: 1 MiB range at an odd offset (x64)", () -> {
                long started = System.nanoTime();
                for (int i = 0; i < 64; i++) {
                    readBlob(store, blob.id(), key, (long) i * (1 << 20) - (i == 0 ? 0 : 12345), 1 << 20);
                }
                return System.nanoTime() - started;
            });
            store.removeOrphans(id -> false);
        }
    }

    private long diskWriteAndSync()
            throws IOException
    {
        Path file = directory.resolve("raw.bin");
        long started = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            for (int offset = 0; offset < OBJECT_BYTES; offset += 1 << 20) {
                buffer.clear();
                buffer.put(data, offset, 1 << 20).flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(true);
        }
        long elapsed = System.nanoTime() - started;
        Files.delete(file);
        return elapsed;
    }

    private long gcm(int mode, int chunk)
            throws GeneralSecurityException
    {
        SecretKeySpec key = new SecretKeySpec(randomKey(), "AES");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = new byte[12];
        byte[] sealed = new byte[chunk + 16];
        byte[] plain = new byte[chunk];
        if (mode == Cipher.DECRYPT_MODE) {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.doFinal(data, 0, chunk, sealed, 0);
        }
        long started = System.nanoTime();
        for (int offset = 0; offset + chunk <= OBJECT_BYTES; offset += chunk) {
            if (mode == Cipher.ENCRYPT_MODE) {
                nonce[11]++;
                nonce[10] += nonce[11] == 0 ? 1 : 0;
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                cipher.doFinal(data, offset, chunk, sealed, 0);
            }
            else {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                cipher.doFinal(sealed, 0, chunk + 16, plain, 0);
            }
        }
        return System.nanoTime() - started;
    }

    private long checksum(ChecksumAlgorithm algorithm)
    {
        ChecksumCalculator calculator = Checksums.newCalculator(algorithm);
        long started = System.nanoTime();
        for (int offset = 0; offset < OBJECT_BYTES; offset += IO_BUFFER) {
            calculator.update(data, offset, IO_BUFFER);
        }
        calculator.finish();
        return System.nanoTime() - started;
    }

    private long writeBlob(LocalBlobStore store, MasterKey masterKey, Set<ChecksumAlgorithm> checksums)
            throws IOException
    {
        DataKey key = masterKey.newDataKey();
        long started = System.nanoTime();
        StoredBlob blob = writeOnce(store, key, checksums);
        long elapsed = System.nanoTime() - started;
        store.delete(blob.id());
        return elapsed;
    }

    private StoredBlob writeOnce(LocalBlobStore store, DataKey key, Set<ChecksumAlgorithm> checksums)
            throws IOException
    {
        try (BlobWriter writer = store.create(key, EnumSet.copyOf(checksums.isEmpty() ? Set.of(ChecksumAlgorithm.MD5) : checksums))) {
            OutputStream out = writer.output();
            for (int offset = 0; offset < OBJECT_BYTES; offset += IO_BUFFER) {
                out.write(data, offset, IO_BUFFER);
            }
            return writer.commit();
        }
    }

    private static long readBlob(LocalBlobStore store, BlobId id, DataKey key, long offset, long length)
            throws IOException
    {
        byte[] buffer = new byte[IO_BUFFER];
        long started = System.nanoTime();
        long total = 0;
        try (InputStream in = store.open(id, key.plaintext(), offset, length)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                total += read;
            }
        }
        if (total != length) {
            throw new IllegalStateException("read " + total + " of " + length + " bytes");
        }
        return System.nanoTime() - started;
    }

    private interface Timed
    {
        /** Processes {@link #OBJECT_BYTES} bytes once and returns the nanoseconds it took. */
        long run()
                throws Exception;
    }

    private static void report(String name, Timed timed)
            throws Exception
    {
        for (int i = 0; i < WARMUP; i++) {
            timed.run();
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            times.add(timed.run());
        }
        times.sort(Comparator.naturalOrder());
        System.out.printf(Locale.ROOT, "  %-44s %8.0f %8.0f%n", name, megabytesPerSecond(times.get(0)), megabytesPerSecond(times.get(RUNS / 2)));
    }

    private static double megabytesPerSecond(long nanos)
    {
        return OBJECT_BYTES / (nanos / 1e9) / 1e6;
    }

    private static byte[] randomKey()
    {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static void deleteRecursively(Path directory)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
