package dev.tarn.s3.object;

import dev.tarn.s3.S3Errors;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.blob.StoredBlob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The additional checksum a write request asks for: an x-amz-checksum-* header with its value,
 * or an x-amz-trailer naming one whose value follows the body, optionally announced by
 * x-amz-sdk-checksum-algorithm. Verified against what the blob store computed over the bytes.
 */
public record RequestChecksum(Optional<ChecksumAlgorithm> algorithm, Optional<byte[]> headerValue, boolean trailer)
{
    /** The algorithms S3 offers as additional checksums (MD5 is the Content-MD5 header's). */
    public static final List<ChecksumAlgorithm> ADDITIONAL = List.of(
            ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC64NVME, ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256);

    public RequestChecksum
    {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(headerValue, "headerValue is null");
        headerValue = headerValue.map(byte[]::clone);
    }

    public static RequestChecksum none()
    {
        return new RequestChecksum(Optional.empty(), Optional.empty(), false);
    }

    public static RequestChecksum fromHeaders(Headers headers)
    {
        List<ChecksumAlgorithm> inHeaders = new ArrayList<>();
        for (ChecksumAlgorithm candidate : ADDITIONAL) {
            if (headers.contains(candidate.headerName())) {
                inHeaders.add(candidate);
            }
        }
        if (inHeaders.size() > 1) {
            throw CommonErrors.INVALID_REQUEST.exception("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
        }
        Optional<ChecksumAlgorithm> trailerAlgorithm = headers.first("x-amz-trailer").map(RequestChecksum::trailerAlgorithm);
        if (!inHeaders.isEmpty() && trailerAlgorithm.isPresent()) {
            throw CommonErrors.INVALID_REQUEST.exception("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
        }
        Optional<ChecksumAlgorithm> declared = inHeaders.stream().findFirst().or(() -> trailerAlgorithm);
        Optional<String> sdkAlgorithm = headers.first("x-amz-sdk-checksum-algorithm");
        if (sdkAlgorithm.isPresent()) {
            ChecksumAlgorithm announced = additional(sdkAlgorithm.get())
                    .orElseThrow(() -> CommonErrors.INVALID_REQUEST.exception("Value for x-amz-sdk-checksum-algorithm header is invalid."));
            if (declared.isEmpty()) {
                throw CommonErrors.INVALID_REQUEST.exception(
                        "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
            }
            if (declared.get() != announced) {
                throw CommonErrors.INVALID_REQUEST.exception("Value for x-amz-sdk-checksum-algorithm header is invalid.");
            }
        }
        Optional<byte[]> value = inHeaders.stream().findFirst().map(algorithm -> decode(algorithm, headers.first(algorithm.headerName()).orElseThrow()));
        return new RequestChecksum(declared, value, trailerAlgorithm.isPresent());
    }

    /** Checks the computed checksum against the one sent in a header or trailer; BadDigest when they differ. */
    public void verify(StoredBlob blob, Headers trailers)
    {
        if (algorithm.isEmpty()) {
            return;
        }
        ChecksumAlgorithm checked = algorithm.get();
        byte[] expected = headerValue.orElseGet(() -> decode(checked, trailers.first(checked.headerName())
                .orElseThrow(() -> CommonErrors.INVALID_REQUEST.exception("The x-amz-trailer header named " + checked.headerName()
                        + " but the request carried no such trailer."))));
        if (!Arrays.equals(expected, blob.checksum(checked))) {
            throw mismatch(checked);
        }
    }

    public static AwsException mismatch(ChecksumAlgorithm algorithm)
    {
        return S3Errors.BAD_DIGEST.exception("The " + algorithm.name() + " you specified did not match the calculated checksum.");
    }

    /** A checksum value as S3 sends it: the base64 of the raw digest or the big-endian CRC. */
    public static String base64(byte[] value)
    {
        return Base64.getEncoder().encodeToString(value);
    }

    public static Optional<ChecksumAlgorithm> additional(String name)
    {
        return ChecksumAlgorithm.fromName(name).filter(ADDITIONAL::contains);
    }

    /** Decodes a header value, which must be the base64 of exactly the algorithm's digest size. */
    public static byte[] decode(ChecksumAlgorithm algorithm, String value)
    {
        try {
            byte[] bytes = Base64.getDecoder().decode(value.trim());
            if (bytes.length == digestLength(algorithm)) {
                return bytes;
            }
        }
        catch (IllegalArgumentException e) {
            // not base64; answered below
        }
        throw CommonErrors.INVALID_REQUEST.exception("Value for " + algorithm.headerName() + " header is invalid.");
    }

    private static int digestLength(ChecksumAlgorithm algorithm)
    {
        return switch (algorithm) {
            case CRC32, CRC32C -> 4;
            case CRC64NVME -> 8;
            case MD5 -> 16;
            case SHA1 -> 20;
            case SHA256 -> 32;
        };
    }

    private static ChecksumAlgorithm trailerAlgorithm(String trailer)
    {
        String name = trailer.trim().toLowerCase(Locale.ROOT);
        for (ChecksumAlgorithm candidate : ADDITIONAL) {
            if (candidate.headerName().equals(name)) {
                return candidate;
            }
        }
        throw CommonErrors.INVALID_REQUEST.exception("The value specified in the x-amz-trailer header is not supported");
    }
}
