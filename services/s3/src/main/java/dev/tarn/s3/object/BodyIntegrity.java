package dev.tarn.s3.object;

import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.checksum.Checksums;

import java.util.Arrays;
import java.util.Optional;

/**
 * The integrity proof S3 requires on some small request bodies (DeleteObjects, PutObjectRetention,
 * PutObjectLegalHold, PutObjectLockConfiguration): Content-MD5 or an x-amz-checksum-* header or
 * trailer. Missing both is InvalidRequest; a value that does not match the body is BadDigest.
 */
public final class BodyIntegrity
{
    private BodyIntegrity() {}

    /** Checks {@code body} (already read whole) against the request's integrity headers. */
    public static void require(ServiceRequest request, byte[] body)
    {
        Headers headers = request.headers();
        Optional<byte[]> contentMd5 = ContentMd5.fromHeaders(headers);
        RequestChecksum checksum = RequestChecksum.fromHeaders(headers);
        if (contentMd5.isEmpty() && checksum.algorithm().isEmpty()) {
            throw CommonErrors.INVALID_REQUEST.exception("Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
        }
        contentMd5.ifPresent(md5 -> ContentMd5.verify(md5, Checksums.compute(ChecksumAlgorithm.MD5, body)));
        checksum.algorithm().ifPresent(algorithm -> {
            byte[] expected = checksum.headerValue().orElseGet(() -> RequestChecksum.decode(algorithm, request.trailers().first(algorithm.headerName())
                    .orElseThrow(() -> CommonErrors.INVALID_REQUEST.exception("Missing required header for this request: " + algorithm.headerName()))));
            if (!Arrays.equals(expected, Checksums.compute(algorithm, body))) {
                throw RequestChecksum.mismatch(algorithm);
            }
        });
    }
}
