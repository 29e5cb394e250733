package dev.tarn.s3.object;

import dev.tarn.s3.S3Errors;

import java.nio.charset.StandardCharsets;

/** Checks on the key of an object to be written. */
public final class ObjectKeys
{
    private static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {}

    public static String checkWritable(String key)
    {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw S3Errors.KEY_TOO_LONG.exception()
                    .with("Size", Integer.toString(bytes))
                    .with("MaxSizeAllowed", Integer.toString(MAX_KEY_BYTES));
        }
        return key;
    }
}
