package dev.tarn.s3.object;

import dev.tarn.s3.DataKeyProvider;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.storage.blob.BlobId;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.blob.LocalBlobStore;
import dev.tarn.storage.blob.StoredBlob;
import dev.tarn.storage.checksum.Checksums;
import dev.tarn.storage.meta.Segment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writing bodies into real encrypted blobs, checksum verification, and reading ranges back across segments. */
class BlobIngestTest
{
    @TempDir
    Path directory;

    private LocalBlobStore blobs;
    private DataKeyProvider dataKeys;
    private BlobIngest ingest;

    @BeforeEach
    void setUp()
            throws IOException
    {
        blobs = new LocalBlobStore(directory);
        dataKeys = TestBlobs.dataKeys();
        ingest = new BlobIngest(blobs, dataKeys);
    }

    @Test
    void checksumsOfEveryAlgorithmAreVerifiedFromHeaders()
    {
        byte[] body = random(300_000, 1);
        for (ChecksumAlgorithm algorithm : RequestChecksum.ADDITIONAL) {
            String value = Base64.getEncoder().encodeToString(Checksums.compute(algorithm, body));
            RequestChecksum checksum = RequestChecksum.fromHeaders(Headers.builder().set(algorithm.headerName(), value).build());
            assertThat(checksum.algorithm()).contains(algorithm);
            StoredBlob blob = ingest.write(new ByteArrayInputStream(body), OptionalLong.of(body.length), Set.of(algorithm),
                    stored -> checksum.verify(stored, Headers.empty()));
            assertThat(blob.checksum(algorithm)).isEqualTo(Checksums.compute(algorithm, body));
        }
    }

    @Test
    void wrongChecksumIsBadDigestAndLeavesNoBlob()
            throws IOException
    {
        byte[] body = random(10_000, 2);
        byte[] other = Checksums.compute(ChecksumAlgorithm.CRC32, random(10, 3));
        Headers headers = Headers.builder()
                .set("x-amz-sdk-checksum-algorithm", "CRC32")
                .set("x-amz-trailer", "x-amz-checksum-crc32")
                .build();
        RequestChecksum checksum = RequestChecksum.fromHeaders(headers);
        Headers trailers = Headers.builder().set("x-amz-checksum-crc32", Base64.getEncoder().encodeToString(other)).build();
        assertThatThrownBy(() -> ingest.write(new ByteArrayInputStream(body), OptionalLong.of(body.length), Set.of(ChecksumAlgorithm.CRC32),
                stored -> checksum.verify(stored, trailers)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("BadDigest");
                    assertThat(e.getMessage()).isEqualTo("The CRC32 you specified did not match the calculated checksum.");
                });
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void trailerChecksumIsVerified()
    {
        byte[] body = random(5000, 4);
        RequestChecksum checksum = RequestChecksum.fromHeaders(Headers.builder().set("x-amz-trailer", "x-amz-checksum-sha256").build());
        Headers trailers = Headers.builder().set("x-amz-checksum-sha256", Base64.getEncoder().encodeToString(Checksums.compute(ChecksumAlgorithm.SHA256, body))).build();
        StoredBlob blob = ingest.write(new ByteArrayInputStream(body), OptionalLong.of(body.length), Set.of(ChecksumAlgorithm.SHA256),
                stored -> checksum.verify(stored, trailers));
        assertThat(blob.length()).isEqualTo(body.length);
    }

    @Test
    void wrongContentMd5IsBadDigestAndMalformedIsInvalidDigest()
            throws IOException
    {
        byte[] body = random(1000, 5);
        byte[] md5OfOther = Checksums.compute(ChecksumAlgorithm.MD5, random(1000, 6));
        var expected = ContentMd5.fromHeaders(Headers.builder().set("Content-MD5", Base64.getEncoder().encodeToString(md5OfOther)).build());
        assertThatThrownBy(() -> ingest.write(new ByteArrayInputStream(body), OptionalLong.of(body.length), Set.of(), stored -> ContentMd5.verify(expected, stored)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("BadDigest"));
        assertThat(storedFiles()).isEmpty();
        assertThatThrownBy(() -> ContentMd5.fromHeaders(Headers.builder().set("Content-MD5", "not-md5").build()))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidDigest"));
    }

    @Test
    void conflictingChecksumHeadersAreInvalidRequest()
    {
        Headers two = Headers.builder().set("x-amz-checksum-crc32", "AAAAAA==").set("x-amz-checksum-sha1", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=").build();
        assertThatThrownBy(() -> RequestChecksum.fromHeaders(two)).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidRequest"));
        Headers announcedOnly = Headers.builder().set("x-amz-sdk-checksum-algorithm", "CRC32").build();
        assertThatThrownBy(() -> RequestChecksum.fromHeaders(announcedOnly)).isInstanceOf(AwsException.class);
        Headers mismatch = Headers.builder().set("x-amz-sdk-checksum-algorithm", "SHA1").set("x-amz-checksum-crc32", "AAAAAA==").build();
        assertThatThrownBy(() -> RequestChecksum.fromHeaders(mismatch)).isInstanceOf(AwsException.class);
        Headers badValue = Headers.builder().set("x-amz-checksum-crc32", "AAAA").build();
        assertThatThrownBy(() -> RequestChecksum.fromHeaders(badValue)).isInstanceOf(AwsException.class);
    }

    @Test
    void shortBodyIsIncompleteBodyAndLeavesNoBlob()
            throws IOException
    {
        byte[] body = random(100, 7);
        assertThatThrownBy(() -> ingest.write(new ByteArrayInputStream(body), OptionalLong.of(200), Set.of(), stored -> { }))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("IncompleteBody"));
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void payloadVerificationFailureWhileReadingLeavesNoBlob()
            throws IOException
    {
        InputStream failing = new InputStream()
        {
            private int sent;

            @Override
            public int read()
            {
                if (sent++ < 100_000) {
                    return 7;
                }
                throw new UncheckedIOException(new IOException(CommonErrors.X_AMZ_CONTENT_SHA256_MISMATCH.exception()));
            }
        };
        assertThatThrownBy(() -> ingest.write(failing, OptionalLong.of(200_000), Set.of(), stored -> { }))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("XAmzContentSHA256Mismatch"));
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void rangesAcrossSegmentsReadBackTheBytes()
            throws IOException
    {
        byte[] first = random(200_000, 8);
        byte[] second = random(70_001, 9);
        StoredBlob a = ingest.write(new ByteArrayInputStream(first), OptionalLong.of(first.length), Set.of(), stored -> { });
        StoredBlob b = ingest.write(new ByteArrayInputStream(second), OptionalLong.of(second.length), Set.of(), stored -> { });
        List<Segment> segments = List.of(new Segment(a.id(), a.length()), new Segment(b.id(), b.length()));
        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        ObjectContent content = new ObjectContent(blobs, dataKeys);
        long[][] ranges = {{0, whole.length}, {0, 1}, {199_999, 2}, {150_000, 100_000}, {200_000, 70_001}, {whole.length - 1, 1}, {5, 0}};
        for (long[] range : ranges) {
            try (InputStream in = content.open(segments, range[0], range[1])) {
                byte[] expected = java.util.Arrays.copyOfRange(whole, (int) range[0], (int) (range[0] + range[1]));
                assertThat(in.readAllBytes()).isEqualTo(expected);
            }
        }
    }

    private List<BlobId> storedFiles()
            throws IOException
    {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("[0-9a-f]{32}"))
                    .map(BlobId::new)
                    .toList();
        }
    }

    private static byte[] random(int length, long seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
