package dev.tarn.bench;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * What this machine allows at most, whatever the server does: the disk (sequential write
 * followed by fsync; small fsync'd files, the floor under every acknowledged PUT) and the work
 * every stored byte costs (AES-256-GCM, MD5 for the ETag, CRC32/CRC32C checksums, SHA-256 for
 * signed payloads). One thread each, as one request is; median of three runs after a warm-up.
 */
final class MachineLimits
{
    private static final int CHUNK = 64 * 1024;
    private static final int RUNS = 3;

    private final Path directory;
    private final long diskBytes;
    private final int cpuBytes;
    private final int smallFiles;

    MachineLimits(Path directory, boolean quick)
    {
        this.directory = directory;
        this.diskBytes = quick ? 128L << 20 : 1L << 30;
        this.cpuBytes = quick ? 64 << 20 : 256 << 20;
        this.smallFiles = quick ? 50 : 300;
    }

    record Figure(String what, double value, String unit) {}

    List<Figure> measure()
            throws IOException, GeneralSecurityException
    {
        Files.createDirectories(directory);
        byte[] data = new byte[cpuBytes];
        new Random(7).nextBytes(data);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("Disk: sequential write of " + (diskBytes >> 20) + " MiB, then fsync", median(this::sequentialWrite), "MB/s"));
        figures.add(new Figure("Disk: create, write 4 KiB, fsync, close (one file after another)", median(this::smallSyncedFiles), "files/s"));
        figures.add(new Figure("AES-256-GCM encrypt, 64 KiB chunks", median(() -> aesGcm(data)), "MB/s"));
        figures.add(new Figure("MD5", median(() -> digest("MD5", data)), "MB/s"));
        figures.add(new Figure("SHA-256", median(() -> digest("SHA-256", data)), "MB/s"));
        figures.add(new Figure("CRC32", median(() -> checksum(new CRC32(), data)), "MB/s"));
        figures.add(new Figure("CRC32C", median(() -> checksum(new CRC32C(), data)), "MB/s"));
        return figures;
    }

    private interface Measurement
    {
        double run()
                throws IOException, GeneralSecurityException;
    }

    private static double median(Measurement measurement)
            throws IOException, GeneralSecurityException
    {
        measurement.run();
        double[] results = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            results[i] = measurement.run();
        }
        Arrays.sort(results);
        return results[RUNS / 2];
    }

    private double sequentialWrite()
            throws IOException
    {
        Path file = directory.resolve("sequential.bin");
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        byte[] random = new byte[1 << 20];
        new Random(3).nextBytes(random);
        buffer.put(random);
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (long written = 0; written < diskBytes; written += buffer.capacity()) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(true);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.delete(file);
        return diskBytes / seconds / 1e6;
    }

    private double smallSyncedFiles()
            throws IOException
    {
        Path small = Files.createDirectories(directory.resolve("small"));
        ByteBuffer content = ByteBuffer.allocate(4096);
        long start = System.nanoTime();
        for (int i = 0; i < smallFiles; i++) {
            try (FileChannel channel = FileChannel.open(small.resolve("f" + i), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.clear();
                channel.write(content);
                channel.force(true);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < smallFiles; i++) {
            Files.delete(small.resolve("f" + i));
        }
        return smallFiles / seconds;
    }

    private static double aesGcm(byte[] data)
            throws GeneralSecurityException
    {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
        byte[] out = new byte[CHUNK + 16];
        byte[] nonce = new byte[12];
        long start = System.nanoTime();
        for (int offset = 0, index = 0; offset < data.length; offset += CHUNK, index++) {
            ByteBuffer.wrap(nonce).putInt(8, index).putInt(4, index >>> 31);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.doFinal(data, offset, Math.min(CHUNK, data.length - offset), out, 0);
        }
        return data.length / ((System.nanoTime() - start) / 1e9) / 1e6;
    }

    private static double digest(String algorithm, byte[] data)
            throws GeneralSecurityException
    {
        MessageDigest digest = MessageDigest.getInstance(algorithm);
        long start = System.nanoTime();
        for (int offset = 0; offset < data.length; offset += CHUNK) {
            digest.update(data, offset, Math.min(CHUNK, data.length - offset));
        }
        digest.digest();
        return data.length / ((System.nanoTime() - start) / 1e9) / 1e6;
    }

    private static double checksum(Checksum checksum, byte[] data)
    {
        checksum.reset();
        long start = System.nanoTime();
        for (int offset = 0; offset < data.length; offset += CHUNK) {
            checksum.update(data, offset, Math.min(CHUNK, data.length - offset));
        }
        checksum.getValue();
        return data.length / ((System.nanoTime() - start) / 1e9) / 1e6;
    }
}
