package dev.tarn.kms;

import static java.util.Objects.requireNonNull;

/** A key's tag, stored and sent as KMS's {@code {"TagKey", "TagValue"}}. */
public record Tag(String tagKey, String tagValue)
{
    public Tag
    {
        requireNonNull(tagKey, "tagKey is null");
        requireNonNull(tagValue, "tagValue is null");
    }
}
