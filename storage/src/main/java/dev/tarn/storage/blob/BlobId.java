package dev.tarn.storage.blob;

import java.util.UUID;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** The name of one stored blob (a file under the data dir); random, so never reused. */
public record BlobId(String value)
{
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    public BlobId
    {
        requireNonNull(value, "value is null");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a blob id: " + value);
        }
    }

    public static BlobId random()
    {
        return new BlobId(UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public String toString()
    {
        return value;
    }
}
