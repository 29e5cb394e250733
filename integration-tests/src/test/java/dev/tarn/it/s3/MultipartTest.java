package dev.tarn.it.s3;

import dev.tarn.it.TestServer;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.checksum.Checksums;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.tarn.it.s3.ObjectsTest.md5Hex;
import static dev.tarn.it.s3.ObjectsTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Multipart uploads through the AWS SDK for Java v2. */
class MultipartTest
{
    private static final int MIB = 1024 * 1024;

    private static TestServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        s3 = server.s3();
        bucket = "multipart-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectsTest.assumeBucketOperations(() -> s3.createBucket(request -> request.bucket(bucket)));
    }

    @AfterAll
    static void stop()
    {
        s3.close();
        server.close();
    }

    @Test
    void threeFiveMebibytePartsAndASmallLastOne()
    {
        List<byte[]> bodies = List.of(random(5 * MIB, 1), random(5 * MIB, 2), random(5 * MIB, 3), random(1234, 4));
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key("big").contentType("application/x-test")
                .metadata(Map.of("kind", "multipart")).tagging("m=1")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            int number = i + 1;
            byte[] body = bodies.get(i);
            UploadPartResponse part = s3.uploadPart(request -> request.bucket(bucket).key("big").uploadId(uploadId).partNumber(number), RequestBody.fromBytes(body));
            assertThat(part.eTag()).isEqualTo("\"" + md5Hex(body) + "\"");
            parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).build());
        }
        CompleteMultipartUploadResponse completed = s3.completeMultipartUpload(request -> request.bucket(bucket).key("big").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
        assertThat(completed.eTag()).isEqualTo("\"" + expectedEtag(bodies) + "\"");
        assertThat(completed.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        byte[] whole = concat(bodies);
        assertThat(completed.checksumCRC64NVME()).isEqualTo(Base64.getEncoder().encodeToString(Checksums.compute(ChecksumAlgorithm.CRC64NVME, whole)));

        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("big")).asByteArray()).isEqualTo(whole);
        HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key("big"));
        assertThat(head.contentLength()).isEqualTo(whole.length);
        assertThat(head.contentType()).isEqualTo("application/x-test");
        assertThat(head.metadata()).containsEntry("kind", "multipart");
        assertThat(head.tagCount()).isEqualTo(1);

        ResponseBytes<GetObjectResponse> second = s3.getObjectAsBytes(request -> request.bucket(bucket).key("big").partNumber(2));
        assertThat(second.asByteArray()).isEqualTo(bodies.get(1));
        assertThat(second.response().partsCount()).isEqualTo(4);
        assertThat(second.response().contentRange()).isEqualTo("bytes " + 5 * MIB + "-" + (10 * MIB - 1) + "/" + whole.length);
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("big").partNumber(4).checksumMode(ChecksumMode.ENABLED)).asByteArray())
                .isEqualTo(bodies.get(3));
        assertThatThrownBy(() -> s3.getObjectAsBytes(request -> request.bucket(bucket).key("big").partNumber(5)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(416));
        // the upload is gone once completed
        assertThatThrownBy(() -> s3.uploadPart(request -> request.bucket(bucket).key("big").uploadId(uploadId).partNumber(5), RequestBody.fromBytes(new byte[1])))
                .isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void compositeChecksumsFromPartChecksums()
    {
        List<byte[]> bodies = List.of(random(5 * MIB, 5), random(100, 6));
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key("composite")
                .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.SHA256)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        ByteArrayOutputStream partChecksums = new ByteArrayOutputStream();
        for (int i = 0; i < bodies.size(); i++) {
            int number = i + 1;
            UploadPartResponse part = s3.uploadPart(request -> request.bucket(bucket).key("composite").uploadId(uploadId).partNumber(number)
                    .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.SHA256), RequestBody.fromBytes(bodies.get(number - 1)));
            byte[] raw = Checksums.compute(ChecksumAlgorithm.SHA256, bodies.get(number - 1));
            assertThat(part.checksumSHA256()).isEqualTo(Base64.getEncoder().encodeToString(raw));
            partChecksums.writeBytes(raw);
            parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).checksumSHA256(part.checksumSHA256()).build());
        }
        CompleteMultipartUploadResponse completed = s3.completeMultipartUpload(request -> request.bucket(bucket).key("composite").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
        String expected = Base64.getEncoder().encodeToString(Checksums.compute(ChecksumAlgorithm.SHA256, partChecksums.toByteArray())) + "-2";
        assertThat(completed.checksumSHA256()).isEqualTo(expected);
        assertThat(completed.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key("composite").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumSHA256()).isEqualTo(expected);
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("composite").checksumMode(ChecksumMode.ENABLED)).asByteArray())
                .isEqualTo(concat(bodies));
    }

    @Test
    void fullObjectCrc32()
    {
        List<byte[]> bodies = List.of(random(5 * MIB, 7), random(3000, 8));
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key("full-crc32")
                .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32).checksumType(ChecksumType.FULL_OBJECT)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            int number = i + 1;
            UploadPartResponse part = s3.uploadPart(request -> request.bucket(bucket).key("full-crc32").uploadId(uploadId).partNumber(number)
                    .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32), RequestBody.fromBytes(bodies.get(number - 1)));
            parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).checksumCRC32(part.checksumCRC32()).build());
        }
        CompleteMultipartUploadResponse completed = s3.completeMultipartUpload(request -> request.bucket(bucket).key("full-crc32").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
        assertThat(completed.checksumCRC32()).isEqualTo(Base64.getEncoder().encodeToString(Checksums.compute(ChecksumAlgorithm.CRC32, concat(bodies))));
        assertThat(completed.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    }

    @Test
    void outOfOrderWrongEtagAndTooSmallPartsAreRefused()
    {
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key("refused")).uploadId();
        UploadPartResponse one = s3.uploadPart(request -> request.bucket(bucket).key("refused").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(random(1000, 9)));
        UploadPartResponse two = s3.uploadPart(request -> request.bucket(bucket).key("refused").uploadId(uploadId).partNumber(2), RequestBody.fromBytes(random(1000, 10)));
        CompletedPart first = CompletedPart.builder().partNumber(1).eTag(one.eTag()).build();
        CompletedPart second = CompletedPart.builder().partNumber(2).eTag(two.eTag()).build();

        assertError(() -> s3.completeMultipartUpload(request -> request.bucket(bucket).key("refused").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(second, first))), "InvalidPartOrder");
        assertError(() -> s3.completeMultipartUpload(request -> request.bucket(bucket).key("refused").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(first, CompletedPart.builder().partNumber(2).eTag("\"00000000000000000000000000000000\"").build()))),
                "InvalidPart");
        assertError(() -> s3.completeMultipartUpload(request -> request.bucket(bucket).key("refused").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(first, CompletedPart.builder().partNumber(3).eTag(two.eTag()).build()))), "InvalidPart");
        assertError(() -> s3.completeMultipartUpload(request -> request.bucket(bucket).key("refused").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(first, second))), "EntityTooSmall");
        assertError(() -> s3.uploadPart(request -> request.bucket(bucket).key("refused").uploadId(uploadId).partNumber(10_001), RequestBody.fromBytes(new byte[1])),
                "InvalidArgument");

        // a single small part is a valid object; the part left out goes
        CompleteMultipartUploadResponse completed = s3.completeMultipartUpload(request -> request.bucket(bucket).key("refused").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(first)));
        assertThat(completed.eTag()).endsWith("-1\"");
        assertThat(s3.headObject(request -> request.bucket(bucket).key("refused")).contentLength()).isEqualTo(1000);
    }

    @Test
    void abortRemovesTheUpload()
    {
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key("aborted")).uploadId();
        s3.uploadPart(request -> request.bucket(bucket).key("aborted").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(random(100, 11)));
        assertThat(s3.abortMultipartUpload(request -> request.bucket(bucket).key("aborted").uploadId(uploadId)).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> s3.abortMultipartUpload(request -> request.bucket(bucket).key("aborted").uploadId(uploadId)))
                .isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> s3.completeMultipartUpload(request -> request.bucket(bucket).key("aborted").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(CompletedPart.builder().partNumber(1).eTag("\"x\"").build()))))
                .isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void uploadPartCopyWithRanges()
    {
        byte[] source = random(6 * MIB + 10, 12);
        s3.putObject(request -> request.bucket(bucket).key("copy-source"), RequestBody.fromBytes(source));
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key("copied")).uploadId();
        UploadPartCopyResponse one = s3.uploadPartCopy(request -> request.sourceBucket(bucket).sourceKey("copy-source").destinationBucket(bucket)
                .destinationKey("copied").uploadId(uploadId).partNumber(1).copySourceRange("bytes=0-" + (5 * MIB - 1)));
        UploadPartCopyResponse two = s3.uploadPartCopy(request -> request.sourceBucket(bucket).sourceKey("copy-source").destinationBucket(bucket)
                .destinationKey("copied").uploadId(uploadId).partNumber(2).copySourceRange("bytes=" + 5 * MIB + "-" + (source.length - 1)));
        assertThat(one.copyPartResult().eTag()).isEqualTo("\"" + md5Hex(Arrays.copyOfRange(source, 0, 5 * MIB)) + "\"");
        assertError(() -> s3.uploadPartCopy(request -> request.sourceBucket(bucket).sourceKey("copy-source").destinationBucket(bucket)
                .destinationKey("copied").uploadId(uploadId).partNumber(3).copySourceRange("bytes=0-" + source.length)), "InvalidArgument");
        assertThatThrownBy(() -> s3.uploadPartCopy(request -> request.sourceBucket(bucket).sourceKey("copy-source").destinationBucket(bucket)
                .destinationKey("copied").uploadId(uploadId).partNumber(3).copySourceIfNoneMatch("*")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        s3.completeMultipartUpload(request -> request.bucket(bucket).key("copied").uploadId(uploadId).multipartUpload(upload -> upload.parts(
                CompletedPart.builder().partNumber(1).eTag(one.copyPartResult().eTag()).build(),
                CompletedPart.builder().partNumber(2).eTag(two.copyPartResult().eTag()).build())));
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("copied")).asByteArray()).isEqualTo(source);
    }

    private static void assertError(Runnable call, String code)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }

    private static String expectedEtag(List<byte[]> bodies)
    {
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        bodies.forEach(body -> md5s.writeBytes(Checksums.compute(ChecksumAlgorithm.MD5, body)));
        return md5Hex(md5s.toByteArray()) + "-" + bodies.size();
    }

    private static byte[] concat(List<byte[]> bodies)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bodies.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
