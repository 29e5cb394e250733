package dev.tarn.server;

import dev.tarn.athena.engine.duckdb.PlaintextCache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where Athena keeps decrypted table data between statements: a folder in {@code /dev/shm}
 * (memory, never disk) named after the data directory, so a restart after a crash empties what
 * the last run left. 1 GiB unless configured, at most half of what {@code /dev/shm} has free;
 * none without {@code /dev/shm} or when configured to 0.
 */
final class AthenaCache
{
    private static final Logger log = LoggerFactory.getLogger(AthenaCache.class);
    static final long DEFAULT_BYTES = 1L << 30;
    private static final Path MEMORY = Path.of("/dev/shm");

    private AthenaCache() {}

    static PlaintextCache create(ServerConfig config)
    {
        long wanted = config.athenaCacheMegabytes().map(megabytes -> megabytes << 20).orElse(DEFAULT_BYTES);
        if (wanted == 0 || !Files.isDirectory(MEMORY) || !Files.isWritable(MEMORY)) {
            return PlaintextCache.none();
        }
        long capacity;
        try {
            capacity = Math.min(wanted, Files.getFileStore(MEMORY).getUsableSpace() / 2);
        }
        catch (IOException e) {
            return PlaintextCache.none();
        }
        if (capacity < (1L << 20)) {
            return PlaintextCache.none();
        }
        try {
            return PlaintextCache.in(MEMORY.resolve("tarn-athena-" + folderName(config.dataDir())), capacity);
        }
        catch (UncheckedIOException e) {
            log.warn("Athena runs without its plaintext cache: {}", e.getMessage());
            return PlaintextCache.none();
        }
    }

    private static String folderName(Path dataDir)
    {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required algorithm", e);
        }
    }
}
