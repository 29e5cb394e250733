package dev.tarn.s3.listing;

import static java.util.Objects.requireNonNull;

/** One entry of a listing page: a stored item, or a common prefix standing for all keys under it. */
public sealed interface ListingEntry<T>
{
    record Item<T>(T value)
            implements ListingEntry<T>
    {
        public Item
        {
            requireNonNull(value, "value is null");
        }
    }

    record Prefix<T>(String prefix)
            implements ListingEntry<T>
    {
        public Prefix
        {
            requireNonNull(prefix, "prefix is null");
        }
    }
}
