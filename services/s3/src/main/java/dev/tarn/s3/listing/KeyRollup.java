package dev.tarn.s3.listing;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a listing with a delimiter groups keys: a key that contains the delimiter after the prefix
 * is represented by its common prefix (the key up to and including that first delimiter).
 */
public record KeyRollup(String prefix, Optional<String> delimiter)
{
    public KeyRollup
    {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(delimiter, "delimiter is null");
        // S3 treats an empty delimiter as none
        delimiter = delimiter.filter(value -> !value.isEmpty());
    }

    public Optional<String> commonPrefix(String key)
    {
        if (delimiter.isEmpty() || !key.startsWith(prefix)) {
            return Optional.empty();
        }
        int at = key.indexOf(delimiter.get(), prefix.length());
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(key.substring(0, at + delimiter.get().length()));
    }

    /**
     * Where to resume after a marker. A marker that is itself a common prefix (as NextMarker or
     * a continuation token is after a page that ended with one) resumes after every key under
     * it, so that prefix is not listed again.
     */
    public ListingPosition resumeAfter(String marker)
    {
        if (commonPrefix(marker).filter(marker::equals).isPresent()) {
            return ListingPosition.pastPrefix(marker);
        }
        return ListingPosition.afterKey(marker);
    }
}
