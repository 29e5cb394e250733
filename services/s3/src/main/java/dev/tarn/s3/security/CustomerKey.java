package dev.tarn.s3.security;

import dev.tarn.s3.S3Errors;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * An SSE-C key as a request carries it: x-amz-server-side-encryption-customer-algorithm (AES256),
 * -key (base64 of 32 bytes) and -key-MD5 (base64), or the x-amz-copy-source-… forms for the
 * source of a copy. Only its MD5 is ever stored.
 */
public final class CustomerKey
{
    public static final String ALGORITHM = "AES256";
    private static final String PREFIX = "x-amz-server-side-encryption-customer-";
    private static final String COPY_SOURCE_PREFIX = "x-amz-copy-source-server-side-encryption-customer-";

    private final byte[] key;
    private final String md5;

    private CustomerKey(byte[] key, String md5)
    {
        this.key = key;
        this.md5 = md5;
    }

    public static Optional<CustomerKey> fromHeaders(Headers headers)
    {
        return parse(headers, PREFIX);
    }

    public static Optional<CustomerKey> fromCopySourceHeaders(Headers headers)
    {
        return parse(headers, COPY_SOURCE_PREFIX);
    }

    private static Optional<CustomerKey> parse(Headers headers, String prefix)
    {
        Optional<String> algorithm = headers.first(prefix + "algorithm");
        Optional<String> key = headers.first(prefix + "key");
        Optional<String> md5 = headers.first(prefix + "key-MD5");
        if (algorithm.isEmpty() && key.isEmpty() && md5.isEmpty()) {
            return Optional.empty();
        }
        if (algorithm.isEmpty()) {
            throw CommonErrors.INVALID_ARGUMENT.exception("Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.")
                    .with("ArgumentName", prefix + "algorithm");
        }
        if (!algorithm.get().equals(ALGORITHM)) {
            throw S3Errors.INVALID_ENCRYPTION_ALGORITHM.exception().with("ArgumentName", prefix + "algorithm").with("ArgumentValue", algorithm.get());
        }
        if (key.isEmpty()) {
            throw CommonErrors.INVALID_ARGUMENT.exception("Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.")
                    .with("ArgumentName", prefix + "algorithm");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.get().strip());
        }
        catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw CommonErrors.INVALID_ARGUMENT.exception("The secret key was invalid for the specified algorithm.").with("ArgumentName", prefix + "key");
        }
        String actual = Base64.getEncoder().encodeToString(md5(bytes));
        if (md5.isEmpty()) {
            throw CommonErrors.INVALID_ARGUMENT.exception("Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.")
                    .with("ArgumentName", prefix + "key-MD5");
        }
        if (!actual.equals(md5.get().strip())) {
            throw CommonErrors.INVALID_ARGUMENT.exception("The calculated MD5 hash of the key did not match the hash that was provided.")
                    .with("ArgumentName", prefix + "key-MD5");
        }
        return Optional.of(new CustomerKey(bytes, actual));
    }

    /** The plaintext key; the caller clears the copy when done. */
    public byte[] key()
    {
        return key.clone();
    }

    public String md5()
    {
        return md5;
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

    @Override
    public String toString()
    {
        return "CustomerKey[md5=" + md5 + "]";
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof CustomerKey other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode()
    {
        return md5.hashCode();
    }
}
