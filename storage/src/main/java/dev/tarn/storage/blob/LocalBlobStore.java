package dev.tarn.storage.blob;

import dev.tarn.storage.checksum.MultiChecksum;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Blobs as files under one root directory: {@code <root>/<id[0:2]>/<id[2:4]>/<id>}, with writes
 * in progress under {@code <root>/tmp}. The file format is described in docs/storage-format.md.
 * Thread-safe; each writer and each stream belongs to one thread.
 */
public final class LocalBlobStore
        implements BlobStore
{
    /** 64 KiB: large enough that the per-chunk cost (a 16-byte tag, a Cipher re-init) is lost in the noise, small enough that a ranged read decrypts little it does not return. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private static final String TEMPORARY_DIRECTORY = "tmp";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern BLOB_NAME = Pattern.compile("[0-9a-f]{32}");

    private final Path root;
    private final Path temporaryDirectory;
    private final int chunkSize;

    public LocalBlobStore(Path root)
            throws IOException
    {
        this(root, DEFAULT_CHUNK_SIZE);
    }

    /** A store that writes new blobs in chunks of {@code chunkSize} plaintext bytes; any chunk size reads back. */
    public LocalBlobStore(Path root, int chunkSize)
            throws IOException
    {
        if (chunkSize < BlobHeader.MIN_CHUNK_SIZE || chunkSize > BlobHeader.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be between 1 KiB and 16 MiB: " + chunkSize);
        }
        this.root = requireNonNull(root, "root is null").toAbsolutePath();
        this.temporaryDirectory = this.root.resolve(TEMPORARY_DIRECTORY);
        this.chunkSize = chunkSize;
        Files.createDirectories(temporaryDirectory);
    }

    @Override
    public BlobWriter create(DataKey key, Set<ChecksumAlgorithm> checksums)
            throws IOException
    {
        requireNonNull(key, "key is null");
        requireNonNull(checksums, "checksums is null");
        Set<ChecksumAlgorithm> algorithms = EnumSet.of(ChecksumAlgorithm.MD5);
        algorithms.addAll(checksums);

        BlobId id = BlobId.random();
        BlobHeader header = new BlobHeader(chunkSize, BlobHeader.UNCOMMITTED, key.wrapped());
        byte[] plaintextKey = key.plaintext();
        ChunkCipher cipher;
        try {
            cipher = ChunkCipher.encrypting(plaintextKey, id, chunkSize);
        }
        finally {
            Arrays.fill(plaintextKey, (byte) 0);
        }
        Path temporary = temporaryDirectory.resolve(id + TEMPORARY_SUFFIX);
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        LocalBlobWriter writer = new LocalBlobWriter(id, temporary, channel, header, cipher, new MultiChecksum(algorithms), this);
        try {
            ByteBuffer encoded = header.encode();
            while (encoded.hasRemaining()) {
                channel.write(encoded);
            }
        }
        catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
        return writer;
    }

    @Override
    public byte[] wrappedKey(BlobId id)
            throws IOException
    {
        try (FileChannel channel = openBlob(id)) {
            return readHeader(channel, id).wrappedKey();
        }
    }

    @Override
    public InputStream open(BlobId id, byte[] plaintextKey, long offset, long length)
            throws IOException
    {
        requireNonNull(plaintextKey, "plaintextKey is null");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range: offset " + offset + ", length " + length);
        }
        FileChannel channel = openBlob(id);
        try {
            BlobHeader header = readHeader(channel, id);
            if (channel.size() != header.fileLength()) {
                throw new IOException("blob " + id + " is " + channel.size() + " bytes on disk, expected " + header.fileLength());
            }
            if (offset > header.plaintextLength() || length > header.plaintextLength() - offset) {
                throw new IOException("range [" + offset + ", " + (offset + length) + ") is past the end of blob " + id + " (" + header.plaintextLength() + " bytes)");
            }
            ChunkCipher cipher = ChunkCipher.decrypting(plaintextKey, id, header.chunkSize());
            return new BlobInputStream(channel, header, cipher, offset, length);
        }
        catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void delete(BlobId id)
            throws IOException
    {
        // not fsynced: a delete lost in a crash leaves an orphan, which removeOrphans collects
        Files.deleteIfExists(path(id));
    }

    @Override
    public int removeOrphans(Predicate<BlobId> isLive)
            throws IOException
    {
        requireNonNull(isLive, "isLive is null");
        int removed = 0;
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(temporaryDirectory)) {
            for (Path temporary : temporaries) {
                if (Files.isRegularFile(temporary) && Files.deleteIfExists(temporary)) {
                    removed++;
                }
            }
        }
        try (DirectoryStream<Path> outer = Files.newDirectoryStream(root, path -> isShard(path))) {
            for (Path first : outer) {
                try (DirectoryStream<Path> inner = Files.newDirectoryStream(first, path -> isShard(path))) {
                    for (Path second : inner) {
                        removed += removeOrphans(second, isLive);
                    }
                }
            }
        }
        return removed;
    }

    private static int removeOrphans(Path shard, Predicate<BlobId> isLive)
            throws IOException
    {
        int removed = 0;
        try (DirectoryStream<Path> blobs = Files.newDirectoryStream(shard)) {
            for (Path blob : blobs) {
                String name = blob.getFileName().toString();
                if (BLOB_NAME.matcher(name).matches() && Files.isRegularFile(blob) && !isLive.test(new BlobId(name)) && Files.deleteIfExists(blob)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private static boolean isShard(Path path)
    {
        return SHARD.matcher(path.getFileName().toString()).matches() && Files.isDirectory(path);
    }

    /** Moves a finished, fsynced temporary file to its final name and makes the name durable. */
    void publish(BlobId id, Path temporary)
            throws IOException
    {
        Path target = path(id);
        Path shard = target.getParent();
        ensureDirectory(shard.getParent());
        ensureDirectory(shard);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(shard);
    }

    /** Creates a shard directory if needed; a directory that was just created is made durable in its parent. */
    private static void ensureDirectory(Path directory)
            throws IOException
    {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectory(directory);
        }
        catch (FileAlreadyExistsException e) {
            // created concurrently; its creator may not have synced the parent yet, so do it here too
        }
        syncDirectory(directory.getParent());
    }

    private static void syncDirectory(Path directory)
            throws IOException
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    Path path(BlobId id)
    {
        String name = id.value();
        return root.resolve(name.substring(0, 2)).resolve(name.substring(2, 4)).resolve(name);
    }

    private FileChannel openBlob(BlobId id)
            throws IOException
    {
        requireNonNull(id, "id is null");
        try {
            return FileChannel.open(path(id), StandardOpenOption.READ);
        }
        catch (NoSuchFileException e) {
            throw new NoSuchFileException(path(id).toString(), null, "blob " + id + " does not exist");
        }
    }

    private static BlobHeader readHeader(FileChannel channel, BlobId id)
            throws IOException
    {
        ByteBuffer fixed = ByteBuffer.allocate(BlobHeader.FIXED_BYTES);
        readFully(channel, fixed, id);
        fixed.flip();
        int keyLength = BlobHeader.parseFixed(fixed, id);
        ByteBuffer wrappedKey = ByteBuffer.allocate(keyLength);
        readFully(channel, wrappedKey, id);
        return BlobHeader.parse(fixed, wrappedKey.array(), id);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, BlobId id)
            throws IOException
    {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("blob " + id + " ends inside its header");
            }
        }
    }

    @Override
    public String toString()
    {
        return "LocalBlobStore[" + root + "]";
    }
}
