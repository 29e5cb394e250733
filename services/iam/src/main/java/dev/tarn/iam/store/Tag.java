package dev.tarn.iam.store;

import static java.util.Objects.requireNonNull;

/** An IAM tag; also the wire shape (Key, Value). */
public record Tag(String key, String value)
{
    public Tag
    {
        requireNonNull(key, "key is null");
        value = value == null ? "" : value;
    }
}
