package dev.tarn.storage.blob;

import dev.tarn.storage.checksum.Checksums;
import dev.tarn.storage.crypto.MasterKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static dev.tarn.storage.blob.LocalBlobStore.DEFAULT_CHUNK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalBlobStoreTest
{
    private static final int CHUNK = DEFAULT_CHUNK_SIZE;
    private static final int SEALED_CHUNK = CHUNK + 16;

    @TempDir
    Path root;

    private LocalBlobStore store;
    private MasterKey masterKey;

    @BeforeEach
    void setUp()
            throws IOException
    {
        store = new LocalBlobStore(root.resolve("blobs"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        masterKey = MasterKey.of(key);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 5 * 1024 * 1024 + 77})
    void roundTrip(int size)
            throws IOException
    {
        byte[] data = randomBytes(size, size);
        DataKey key = masterKey.newDataKey();
        StoredBlob blob = write(key, data, new Random(size), EnumSet.of(ChecksumAlgorithm.CRC64NVME, ChecksumAlgorithm.SHA256));

        assertThat(blob.length()).isEqualTo(size);
        assertThat(blob.checksums()).containsOnlyKeys(ChecksumAlgorithm.MD5, ChecksumAlgorithm.CRC64NVME, ChecksumAlgorithm.SHA256);
        for (ChecksumAlgorithm algorithm : blob.checksums().keySet()) {
            assertThat(blob.checksum(algorithm)).as(algorithm.name()).isEqualTo(Checksums.compute(algorithm, data));
        }
        assertThat(store.wrappedKey(blob.id())).isEqualTo(key.wrapped());

        byte[] plaintextKey = masterKey.unwrap(store.wrappedKey(blob.id()));
        try (InputStream in = store.open(blob.id(), plaintextKey, 0, size)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        // small reads go through the internal buffer, chunk-sized ones decrypt into the caller's array
        for (int readSize : size > 3 * CHUNK ? new int[] {1000, CHUNK, 3 * CHUNK + 5} : new int[] {1, 1000, CHUNK, 3 * CHUNK + 5}) {
            assertThat(readWith(blob.id(), key, 0, size, readSize)).as("reads of %s", readSize).isEqualTo(data);
        }
        // the file is exactly header + ciphertext + one tag per chunk
        long chunks = Math.max(1, (size + CHUNK - 1) / CHUNK);
        assertThat(Files.size(store.path(blob.id()))).isEqualTo(26 + key.wrapped().length + size + 16 * chunks);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void rangedReads()
            throws IOException
    {
        int size = 3 * CHUNK + 1000;
        byte[] data = randomBytes(size, 1);
        DataKey key = masterKey.newDataKey();
        StoredBlob blob = write(key, data, new Random(1), Set.of());
        long[][] ranges = {
                {0, 0}, {0, 1}, {0, CHUNK}, {CHUNK - 1, 1}, {CHUNK - 1, 2}, {CHUNK, 1}, {CHUNK, CHUNK},
                {CHUNK - 10, CHUNK + 20}, {1, size - 2}, {2 * CHUNK + 5, CHUNK + 995}, {size - 1, 1}, {size, 0},
                {3 * CHUNK, 1000}, {size - 1001, 1001}, {12345, 0}};
        for (long[] range : ranges) {
            int offset = (int) range[0];
            int length = (int) range[1];
            byte[] expected = Arrays.copyOfRange(data, offset, offset + length);
            for (int readSize : new int[] {7, CHUNK, 1 << 20}) {
                assertThat(readWith(blob.id(), key, offset, length, readSize))
                        .as("range %s+%s read %s at a time", offset, length, readSize)
                        .isEqualTo(expected);
            }
        }
        try (InputStream in = store.open(blob.id(), key.plaintext(), CHUNK - 3, 6)) {
            for (int i = CHUNK - 3; i < CHUNK + 3; i++) {
                assertThat(in.read()).as("byte %s", i).isEqualTo(data[i] & 0xff);
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> store.open(blob.id(), key.plaintext(), size - 1, 2)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.open(blob.id(), key.plaintext(), size + 1, 0)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.open(blob.id(), key.plaintext(), 1, Long.MAX_VALUE)).isInstanceOf(IOException.class);
    }

    @Test
    void rawFileHoldsNoPlaintext()
            throws IOException
    {
        byte[] text = knownText();
        DataKey key = masterKey.newDataKey();
        StoredBlob blob = write(key, text, new Random(2), Set.of());
        byte[] raw = Files.readAllBytes(store.path(blob.id()));

        // every 12-byte window of the raw file, against every 12-byte piece of the text
        Set<ByteBuffer> rawWindows = new HashSet<>();
        for (int i = 0; i + 12 <= raw.length; i++) {
            rawWindows.add(ByteBuffer.wrap(raw, i, 12).slice());
        }
        List<Integer> found = new java.util.ArrayList<>();
        int pieces = 0;
        for (int i = 0; i + 12 <= text.length; i += 12) {
            if (rawWindows.contains(ByteBuffer.wrap(text, i, 12).slice())) {
                found.add(i);
            }
            pieces++;
        }
        assertThat(found).as("offsets of plaintext found in the raw file").isEmpty();
        assertThat(pieces).isGreaterThan(1000);
        try (InputStream in = store.open(blob.id(), key.plaintext(), 0, text.length)) {
            assertThat(in.readAllBytes()).isEqualTo(text);
        }
    }

    @Test
    void flippedByteFails()
            throws IOException
    {
        byte[] data = randomBytes(3 * CHUNK + 100, 3);
        DataKey key = masterKey.newDataKey();
        StoredBlob blob = write(key, data, new Random(3), Set.of());
        Path file = store.path(blob.id());
        int header = 26 + key.wrapped().length;
        byte[] original = Files.readAllBytes(file);
        // chunk size and plaintext length in the header; first chunk's data and tag; a middle chunk; the last chunk's tag
        List<Integer> positions = List.of(13, 23, header, header + CHUNK + 3, header + SEALED_CHUNK + 500, original.length - 1);
        for (int position : positions) {
            byte[] tampered = original.clone();
            tampered[position] ^= 0x40;
            Files.write(file, tampered);
            assertThatThrownBy(() -> readAll(blob.id(), key, data.length)).as("flip at %s", position).isInstanceOf(IOException.class);
        }
        Files.write(file, original);
        assertThat(readAll(blob.id(), key, data.length)).isEqualTo(data);
    }

    @Test
    void truncationAndExtensionFail()
            throws IOException
    {
        int size = 3 * CHUNK;
        byte[] data = randomBytes(size, 4);
        DataKey key = masterKey.newDataKey();
        StoredBlob blob = write(key, data, new Random(4), Set.of());
        Path file = store.path(blob.id());
        byte[] original = Files.readAllBytes(file);

        // cut one byte: the file no longer matches its header
        Files.write(file, Arrays.copyOf(original, original.length - 1));
        assertThatThrownBy(() -> readAll(blob.id(), key, size)).isInstanceOf(IOException.class);

        // drop the last chunk and shorten the recorded length to match: the new last chunk was not sealed as last
        byte[] truncated = Arrays.copyOf(original, original.length - SEALED_CHUNK);
        ByteBuffer.wrap(truncated).putLong(16, 2L * CHUNK);
        Files.write(file, truncated);
        assertThatThrownBy(() -> readAll(blob.id(), key, 2 * CHUNK)).isInstanceOf(IOException.class);

        // append a copy of the first chunk and lengthen the recorded length to match
        byte[] extended = Arrays.copyOf(original, original.length + SEALED_CHUNK);
        System.arraycopy(original, 26 + key.wrapped().length, extended, original.length, SEALED_CHUNK);
        ByteBuffer.wrap(extended).putLong(16, 4L * CHUNK);
        Files.write(file, extended);
        assertThatThrownBy(() -> readAll(blob.id(), key, 4 * CHUNK)).isInstanceOf(IOException.class);
    }

    @Test
    void swappedChunksFail()
            throws IOException
    {
        int size = 3 * CHUNK;
        byte[] data = randomBytes(size, 5);
        DataKey key = masterKey.newDataKey();
        StoredBlob blob = write(key, data, new Random(5), Set.of());
        Path file = store.path(blob.id());
        byte[] swapped = Files.readAllBytes(file);
        int first = 26 + key.wrapped().length;
        byte[] chunk0 = Arrays.copyOfRange(swapped, first, first + SEALED_CHUNK);
        System.arraycopy(swapped, first + SEALED_CHUNK, swapped, first, SEALED_CHUNK);
        System.arraycopy(chunk0, 0, swapped, first + SEALED_CHUNK, SEALED_CHUNK);
        Files.write(file, swapped);
        assertThatThrownBy(() -> readAll(blob.id(), key, size)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> readAll(blob.id(), key, CHUNK, CHUNK)).isInstanceOf(IOException.class);
    }

    @Test
    void wrongKeyFails()
            throws IOException
    {
        byte[] data = randomBytes(1000, 6);
        StoredBlob blob = write(masterKey.newDataKey(), data, new Random(6), Set.of());
        DataKey other = masterKey.newDataKey();
        assertThatThrownBy(() -> store.open(blob.id(), other.plaintext(), 0, data.length)).isInstanceOf(IOException.class);
        StoredBlob empty = write(masterKey.newDataKey(), new byte[0], new Random(6), Set.of());
        assertThatThrownBy(() -> readAll(empty.id(), other, 0)).isInstanceOf(IOException.class);
    }

    @Test
    void blobMovedUnderAnotherIdFails()
            throws IOException
    {
        DataKey key = masterKey.newDataKey();
        StoredBlob first = write(key, randomBytes(5000, 7), new Random(7), Set.of());
        StoredBlob second = write(key, randomBytes(5000, 8), new Random(8), Set.of());
        Files.copy(store.path(first.id()), store.path(second.id()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> readAll(second.id(), key, 5000)).isInstanceOf(IOException.class);
    }

    @Test
    void missingBlobAndDelete()
            throws IOException
    {
        DataKey key = masterKey.newDataKey();
        StoredBlob blob = write(key, randomBytes(10, 9), new Random(9), Set.of());
        store.delete(blob.id());
        store.delete(blob.id());
        assertThatThrownBy(() -> store.open(blob.id(), key.plaintext(), 0, 10)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.wrappedKey(blob.id())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void uncommittedWriterLeavesNothing()
            throws IOException
    {
        BlobWriter writer = store.create(masterKey.newDataKey(), Set.of());
        writer.output().write(randomBytes(3 * CHUNK, 10));
        assertThat(writer.length()).isEqualTo(3 * CHUNK);
        assertThat(temporaryFiles()).hasSize(1);
        assertThat(blobFiles()).isEmpty();
        writer.close();
        assertThat(temporaryFiles()).isEmpty();
        assertThat(blobFiles()).isEmpty();
        assertThatThrownBy(writer::commit).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> writer.output().write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void committedWriterIsDone()
            throws IOException
    {
        BlobWriter writer = store.create(masterKey.newDataKey(), Set.of());
        writer.output().write(42);
        StoredBlob blob = writer.commit();
        assertThatThrownBy(() -> writer.output().write(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
        writer.close();
        assertThat(blobFiles()).containsExactly(store.path(blob.id()));
    }

    @Test
    void removeOrphansKeepsOnlyLiveBlobs()
            throws IOException
    {
        DataKey key = masterKey.newDataKey();
        StoredBlob live = write(key, randomBytes(70_000, 11), new Random(11), Set.of());
        StoredBlob orphan = write(key, randomBytes(100, 12), new Random(12), Set.of());
        // a writer abandoned mid-write, as after a crash
        BlobWriter abandoned = store.create(key, Set.of());
        abandoned.output().write(randomBytes(CHUNK + 5, 13));
        Path unrelated = Files.writeString(root.resolve("blobs").resolve("README"), "not a blob");
        try {
            int removed = store.removeOrphans(id -> id.equals(live.id()));

            assertThat(removed).isEqualTo(2);
            assertThat(temporaryFiles()).isEmpty();
            assertThat(blobFiles()).containsExactly(store.path(live.id()));
            assertThat(Files.exists(store.path(orphan.id()))).isFalse();
            assertThat(unrelated).exists();
            assertThat(readAll(live.id(), key, 70_000)).isEqualTo(randomBytes(70_000, 11));
            assertThat(store.removeOrphans(id -> id.equals(live.id()))).isZero();
        }
        finally {
            abandoned.close();
        }
    }

    @Test
    void smallerChunksReadBackThroughAnyStore()
            throws IOException
    {
        LocalBlobStore smallChunks = new LocalBlobStore(root.resolve("blobs"), 1024);
        byte[] data = randomBytes(10_000, 14);
        DataKey key = masterKey.newDataKey();
        BlobWriter writer = smallChunks.create(key, Set.of());
        writer.output().write(data);
        StoredBlob blob = writer.commit();
        assertThat(Files.size(store.path(blob.id()))).isEqualTo(26 + key.wrapped().length + 10_000 + 16 * 10);
        assertThat(readAll(blob.id(), key, 1023, 2050)).isEqualTo(Arrays.copyOfRange(data, 1023, 3073));
    }

    private StoredBlob write(DataKey key, byte[] data, Random random, Set<ChecksumAlgorithm> checksums)
            throws IOException
    {
        try (BlobWriter writer = store.create(key, checksums)) {
            OutputStream out = writer.output();
            int offset = 0;
            while (offset < data.length) {
                // a mix of single bytes, small pieces and pieces larger than a chunk
                int choice = random.nextInt(10);
                int piece = choice == 0 ? 1 : choice < 6 ? random.nextInt(5000) : random.nextInt(3 * CHUNK);
                piece = Math.min(piece, data.length - offset);
                if (piece == 1) {
                    out.write(data[offset]);
                }
                else {
                    out.write(data, offset, piece);
                }
                offset += piece;
            }
            assertThat(writer.length()).isEqualTo(data.length);
            return writer.commit();
        }
    }

    private byte[] readAll(BlobId id, DataKey key, long length)
            throws IOException
    {
        return readAll(id, key, 0, length);
    }

    private byte[] readAll(BlobId id, DataKey key, long offset, long length)
            throws IOException
    {
        try (InputStream in = store.open(id, key.plaintext(), offset, length)) {
            return in.readAllBytes();
        }
    }

    private byte[] readWith(BlobId id, DataKey key, long offset, long length, int readSize)
            throws IOException
    {
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        byte[] buffer = new byte[readSize];
        try (InputStream in = store.open(id, key.plaintext(), offset, length)) {
            int read;
            while ((read = in.read(buffer, 0, readSize)) != -1) {
                assertThat(read).isPositive();
                collected.write(buffer, 0, read);
            }
        }
        return collected.toByteArray();
    }

    private List<Path> temporaryFiles()
            throws IOException
    {
        try (Stream<Path> files = Files.list(root.resolve("blobs").resolve("tmp"))) {
            return files.toList();
        }
    }

    private List<Path> blobFiles()
            throws IOException
    {
        Path blobs = root.resolve("blobs");
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> !path.getParent().equals(blobs.resolve("tmp")) && !path.getParent().equals(blobs))
                    .toList();
        }
    }

    private static byte[] randomBytes(int size, long seed)
    {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The Seattle weather data set when it is on this machine, otherwise text of the same shape. */
    private static byte[] knownText()
            throws IOException
    {
        for (String candidate : List.of("/work/shared/datasets/seattle-weather.csv", "../../shared/datasets/seattle-weather.csv", "../shared/datasets/seattle-weather.csv")) {
            Path path = Path.of(candidate);
            if (Files.isReadable(path)) {
                return Files.readAllBytes(path);
            }
        }
        StringBuilder text = new StringBuilder("date,precipitation,temp_max,temp_min,wind,weather\n");
        Random random = new Random(42);
        for (int day = 0; day < 1500; day++) {
            text.append(java.time.LocalDate.of(2012, 1, 1).plusDays(day))
                    .append(String.format(",%.1f,%.1f,%.1f,%.1f,", random.nextDouble() * 20, random.nextDouble() * 30, random.nextDouble() * 10, random.nextDouble() * 8))
                    .append(random.nextBoolean() ? "rain" : "sun")
                    .append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
