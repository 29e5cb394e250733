package dev.tarn.s3.multipart;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.object.RequestChecksum;
import dev.tarn.s3.object.StoredChecksum;
import dev.tarn.s3.xml.MultipartCompleteRequest;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.Headers;
import dev.tarn.storage.blob.BlobId;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.checksum.Checksums;
import dev.tarn.storage.meta.PartRecord;
import dev.tarn.storage.meta.Segment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks and computations of CompleteMultipartUpload that need no store: part choice, ETag, checksums. */
class CompleteMultipartTest
{
    private static final long MIB = 1024 * 1024;

    @Test
    void fullObjectCrcEqualsTheCrcOfTheWholeObject()
    {
        for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC64NVME)) {
            List<byte[]> bodies = List.of(random(1000, 1), random(777, 2), random(5, 3));
            List<PartRecord> parts = parts(bodies, algorithm);
            StoredChecksum checksum = PartsChecksum.of(new UploadChecksum(algorithm, StoredChecksum.FULL_OBJECT, true), parts);
            assertThat(checksum.type()).isEqualTo("FULL_OBJECT");
            assertThat(checksum.value()).isEqualTo(RequestChecksum.base64(Checksums.compute(algorithm, concat(bodies))));
        }
    }

    @Test
    void compositeChecksumIsTheChecksumOfPartChecksumsWithPartCount()
    {
        List<byte[]> bodies = List.of(random(100, 4), random(200, 5));
        List<PartRecord> parts = parts(bodies, ChecksumAlgorithm.SHA256);
        StoredChecksum checksum = PartsChecksum.of(new UploadChecksum(ChecksumAlgorithm.SHA256, StoredChecksum.COMPOSITE, true), parts);
        byte[] joined = concat(bodies.stream().map(body -> Checksums.compute(ChecksumAlgorithm.SHA256, body)).toList());
        assertThat(checksum.value()).isEqualTo(RequestChecksum.base64(Checksums.compute(ChecksumAlgorithm.SHA256, joined)) + "-2");
    }

    @Test
    void etagIsMd5OfPartMd5sWithCount()
    {
        List<byte[]> bodies = List.of("hello ".getBytes(StandardCharsets.UTF_8), "world".getBytes(StandardCharsets.UTF_8));
        List<PartRecord> parts = parts(bodies, ChecksumAlgorithm.CRC32);
        byte[] md5s = concat(bodies.stream().map(body -> Checksums.compute(ChecksumAlgorithm.MD5, body)).toList());
        assertThat(CompleteMultipartUploadHandler.etag(parts)).isEqualTo(HexFormat.of().formatHex(Checksums.compute(ChecksumAlgorithm.MD5, md5s)) + "-2");
    }

    @Test
    void partsMustBeAscendingKnownWithTheirEtagsAndLargeEnough()
    {
        UploadChecksum checksum = new UploadChecksum(ChecksumAlgorithm.CRC64NVME, StoredChecksum.FULL_OBJECT, false);
        List<PartRecord> parts = List.of(part(1, 5 * MIB, "aa"), part(2, 5 * MIB, "bb"), part(3, 10, "cc"));
        Map<Integer, PartRecord> stored = parts.stream().collect(Collectors.toMap(PartRecord::partNumber, Function.identity()));

        assertThat(CompleteMultipartUploadHandler.chosenParts(List.of(listed(1, "\"aa\""), listed(2, "bb"), listed(3, "\"cc\"")), stored, checksum))
                .containsExactlyElementsOf(parts);
        // a subset is allowed; the parts left out are deleted later
        assertThat(CompleteMultipartUploadHandler.chosenParts(List.of(listed(1, "aa"), listed(3, "cc")), stored, checksum)).hasSize(2);

        assertError(() -> CompleteMultipartUploadHandler.chosenParts(List.of(listed(2, "bb"), listed(1, "aa")), stored, checksum), "InvalidPartOrder");
        assertError(() -> CompleteMultipartUploadHandler.chosenParts(List.of(listed(1, "aa"), listed(1, "aa")), stored, checksum), "InvalidPartOrder");
        assertError(() -> CompleteMultipartUploadHandler.chosenParts(List.of(listed(1, "aa"), listed(2, "wrong")), stored, checksum), "InvalidPart");
        assertError(() -> CompleteMultipartUploadHandler.chosenParts(List.of(listed(1, "aa"), listed(4, "dd")), stored, checksum), "InvalidPart");
        assertError(() -> CompleteMultipartUploadHandler.chosenParts(List.of(listed(3, "cc"), listed(4, "dd")), Map.of(3, part(3, 10, "cc"), 4, part(4, 10, "dd")),
                checksum), "EntityTooSmall");
    }

    @Test
    void requestedAlgorithmNeedsEveryPartChecksumInTheList()
    {
        UploadChecksum checksum = new UploadChecksum(ChecksumAlgorithm.CRC64NVME, StoredChecksum.FULL_OBJECT, true);
        Map<Integer, PartRecord> stored = Map.of(1, part(1, 10, "aa"));
        assertError(() -> CompleteMultipartUploadHandler.chosenParts(List.of(listed(1, "aa")), stored, checksum), "InvalidRequest");
    }

    @Test
    void createRequestChecksumRules()
    {
        assertThat(UploadChecksum.fromCreateRequest(Headers.empty())).isEqualTo(new UploadChecksum(ChecksumAlgorithm.CRC64NVME, "FULL_OBJECT", false));
        assertThat(UploadChecksum.fromCreateRequest(Headers.builder().set("x-amz-checksum-algorithm", "CRC32").build()).type()).isEqualTo("COMPOSITE");
        assertThat(UploadChecksum.fromCreateRequest(Headers.builder().set("x-amz-checksum-algorithm", "crc64nvme").build()).type()).isEqualTo("FULL_OBJECT");
        assertError(() -> UploadChecksum.fromCreateRequest(Headers.builder().set("x-amz-checksum-algorithm", "SHA1").set("x-amz-checksum-type", "FULL_OBJECT").build()),
                "InvalidRequest");
        assertError(() -> UploadChecksum.fromCreateRequest(Headers.builder().set("x-amz-checksum-algorithm", "CRC64NVME").set("x-amz-checksum-type", "COMPOSITE").build()),
                "InvalidRequest");
        assertError(() -> UploadChecksum.fromCreateRequest(Headers.builder().set("x-amz-checksum-type", "COMPOSITE").build()), "InvalidRequest");
        assertError(() -> UploadChecksum.fromCreateRequest(Headers.builder().set("x-amz-checksum-algorithm", "MD4").build()), "InvalidRequest");
    }

    @Test
    void completeDocumentParses()
    {
        String document = """
                <CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Part><ETag>"aa"</ETag><PartNumber>1</PartNumber><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>
                  <Part><ETag>"bb"</ETag><PartNumber>2</PartNumber></Part>
                </CompleteMultipartUpload>""";
        MultipartCompleteRequest request = new S3Xml().read(document.getBytes(StandardCharsets.UTF_8), MultipartCompleteRequest.class);
        assertThat(request.parts()).hasSize(2);
        assertThat(request.parts().get(0).partNumber()).isEqualTo(1);
        assertThat(request.parts().get(0).etag()).isEqualTo("\"aa\"");
        assertThat(request.parts().get(0).checksum(ChecksumAlgorithm.CRC32)).contains("AAAAAA==");
        assertThat(request.parts().get(1).checksum(ChecksumAlgorithm.CRC32)).isEmpty();
    }

    private static void assertError(Runnable call, String code)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static MultipartCompleteRequest.Part listed(int number, String etag)
    {
        return new MultipartCompleteRequest.Part(number, etag, null, null, null, null, null);
    }

    private static PartRecord part(int number, long size, String etag)
    {
        return new PartRecord("upload", number, size, etag, Instant.EPOCH, new Segment(BlobId.random(), size),
                Map.of(ObjectAttributes.checksumValue(ChecksumAlgorithm.CRC64NVME), "AAAAAAAAAAA="));
    }

    private static List<PartRecord> parts(List<byte[]> bodies, ChecksumAlgorithm algorithm)
    {
        List<PartRecord> parts = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i);
            parts.add(new PartRecord("upload", i + 1, body.length, HexFormat.of().formatHex(Checksums.compute(ChecksumAlgorithm.MD5, body)), Instant.EPOCH,
                    new Segment(BlobId.random(), body.length),
                    Map.of(ObjectAttributes.checksumValue(algorithm), RequestChecksum.base64(Checksums.compute(algorithm, body)))));
        }
        return parts;
    }

    private static byte[] concat(List<byte[]> pieces)
    {
        int length = pieces.stream().mapToInt(piece -> piece.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, all, at, piece.length);
            at += piece.length;
        }
        return all;
    }

    private static byte[] random(int length, long seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
