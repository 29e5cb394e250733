package dev.tarn.storage.crypto;

import dev.tarn.storage.blob.DataKey;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The server's root key: 32 random bytes that wrap the data key of every SSE-S3 object. Kept in a
 * file readable only by its owner (mode 0600), created on first use, or given in the environment
 * as base64 ({@code TARN_MASTER_KEY}). Losing it loses every object; so does changing it.
 */
public final class MasterKey
{
    public static final String ENVIRONMENT_VARIABLE = "TARN_MASTER_KEY";

    private final KeyWrapper wrapper;

    private MasterKey(byte[] key)
    {
        this.wrapper = new KeyWrapper(key);
    }

    public static MasterKey of(byte[] key)
    {
        requireNonNull(key, "key is null");
        if (key.length != KeyWrapper.KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be 32 bytes, got " + key.length);
        }
        return new MasterKey(key);
    }

    /** The key given as base64, as in {@code TARN_MASTER_KEY}. */
    public static MasterKey fromBase64(String encoded)
    {
        requireNonNull(encoded, "encoded is null");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.strip());
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " is not valid base64", e);
        }
        if (key.length != KeyWrapper.KEY_BYTES) {
            throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " must be 32 bytes in base64, got " + key.length + " bytes");
        }
        return new MasterKey(key);
    }

    /**
     * Reads the key from {@code file}, first creating it with 32 fresh random bytes if it does
     * not exist. The new file is written and fsynced under a temporary name, then linked into
     * place, so a crash never leaves a partial key and two processes starting together agree.
     */
    public static MasterKey loadOrCreate(Path file)
            throws IOException
    {
        requireNonNull(file, "file is null");
        if (Files.notExists(file)) {
            create(file);
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != KeyWrapper.KEY_BYTES) {
            throw new IOException("master key file " + file + " must hold exactly 32 bytes, found " + key.length);
        }
        try {
            return new MasterKey(key);
        }
        finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static void create(Path file)
            throws IOException
    {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(file.getFileName() + "." + Long.toUnsignedString(new SecureRandom().nextLong(), 36) + ".tmp");
        byte[] key = new byte[KeyWrapper.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(directory))) {
            ByteBuffer buffer = ByteBuffer.wrap(key);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        finally {
            Arrays.fill(key, (byte) 0);
        }
        try {
            // a hard link, unlike a rename, never replaces a key another process just created
            Files.createLink(file, temporary);
            Durability.syncDirectory(directory);
        }
        catch (FileAlreadyExistsException e) {
            // another process won the race; use its key
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path directory)
            throws IOException
    {
        if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    /** A new random data key wrapped under the master key. */
    public DataKey newDataKey()
    {
        return wrapper.newDataKey();
    }

    /** The plaintext of a data key wrapped by {@link #newDataKey()}; fails if it was altered or wrapped under another key. */
    public byte[] unwrap(byte[] wrapped)
            throws KeyUnwrapException
    {
        return wrapper.unwrap(wrapped);
    }

    @Override
    public String toString()
    {
        return "MasterKey[redacted]";
    }
}
