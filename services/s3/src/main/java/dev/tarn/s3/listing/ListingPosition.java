package dev.tarn.s3.listing;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a listing resumes: after {@code key} (and, for versions and uploads, after the entry
 * {@code id} of that key; with no id, after every entry of the key). Empty key: from the start.
 */
public record ListingPosition(Optional<String> key, Optional<String> id)
{
    public static final ListingPosition START = new ListingPosition(Optional.empty(), Optional.empty());

    /**
     * S3 keys are at most 1024 UTF-8 bytes. A prefix followed by this many U+10FFFF (4 bytes
     * each, the greatest code point) sorts after every valid key that starts with the prefix and
     * before every key that does not and sorts after the prefix. Resuming after it skips a whole
     * common prefix with one index seek.
     */
    private static final String BEYOND_ANY_SUFFIX = String.valueOf(Character.toChars(Character.MAX_CODE_POINT)).repeat(1024 / 4 + 1);

    public ListingPosition
    {
        requireNonNull(key, "key is null");
        requireNonNull(id, "id is null");
        if (key.isEmpty() && id.isPresent()) {
            throw new IllegalArgumentException("an id needs a key");
        }
    }

    public static ListingPosition afterKey(String key)
    {
        return new ListingPosition(Optional.of(key), Optional.empty());
    }

    public static ListingPosition afterEntry(String key, String id)
    {
        return new ListingPosition(Optional.of(key), Optional.of(id));
    }

    /** After every key that starts with {@code prefix}. */
    public static ListingPosition pastPrefix(String prefix)
    {
        return afterKey(prefix + BEYOND_ANY_SUFFIX);
    }
}
