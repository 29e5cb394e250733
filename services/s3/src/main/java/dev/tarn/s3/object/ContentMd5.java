package dev.tarn.s3.object;

import dev.tarn.s3.S3Errors;
import dev.tarn.spi.http.Headers;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.blob.StoredBlob;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/** The Content-MD5 header: the base64 MD5 of the body; InvalidDigest when it is not one, BadDigest when it differs. */
public final class ContentMd5
{
    private ContentMd5() {}

    public static Optional<byte[]> fromHeaders(Headers headers)
    {
        return headers.first("content-md5").map(ContentMd5::decode);
    }

    public static void verify(Optional<byte[]> expected, StoredBlob blob)
    {
        expected.ifPresent(md5 -> verify(md5, blob.checksum(ChecksumAlgorithm.MD5)));
    }

    public static void verify(byte[] expected, byte[] computed)
    {
        if (!Arrays.equals(expected, computed)) {
            throw S3Errors.BAD_DIGEST.exception()
                    .with("ExpectedDigest", Base64.getEncoder().encodeToString(expected))
                    .with("CalculatedDigest", Base64.getEncoder().encodeToString(computed));
        }
    }

    private static byte[] decode(String value)
    {
        try {
            byte[] bytes = Base64.getDecoder().decode(value.trim());
            if (bytes.length == 16) {
                return bytes;
            }
        }
        catch (IllegalArgumentException e) {
            // not base64; answered below
        }
        throw S3Errors.INVALID_DIGEST.exception().with("Content-MD5", value);
    }
}
