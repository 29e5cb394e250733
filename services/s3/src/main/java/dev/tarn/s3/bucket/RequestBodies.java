package dev.tarn.s3.bucket;

import dev.tarn.s3.S3Errors;
import dev.tarn.spi.http.ServiceRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/** Small XML request bodies of bucket configuration calls, read whole and checked against Content-MD5. */
public final class RequestBodies
{
    /** Bucket configuration documents are small; anything larger is not one. */
    private static final int MAX_BYTES = 1024 * 1024;

    private RequestBodies() {}

    public static byte[] read(ServiceRequest request)
    {
        byte[] bytes;
        try {
            bytes = request.body().readNBytes(MAX_BYTES + 1);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BYTES) {
            throw S3Errors.MALFORMED_XML.exception("The XML you provided was too large.");
        }
        Optional<String> contentMd5 = request.header("Content-MD5");
        if (contentMd5.isPresent()) {
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(contentMd5.get().strip());
            }
            catch (IllegalArgumentException e) {
                throw S3Errors.INVALID_DIGEST.exception();
            }
            if (expected.length != 16) {
                throw S3Errors.INVALID_DIGEST.exception();
            }
            if (!MessageDigest.isEqual(expected, md5(bytes))) {
                throw S3Errors.BAD_DIGEST.exception();
            }
        }
        return bytes;
    }

    private static byte[] md5(byte[] bytes)
    {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
