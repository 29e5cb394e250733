package dev.tarn.s3.listing;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Up to max entries of a listing, in order, and whether more follow. */
public record ListingPage<T>(List<ListingEntry<T>> entries, boolean truncated)
{
    public ListingPage
    {
        entries = List.copyOf(entries);
    }

    public Stream<T> items()
    {
        return entries.stream()
                .filter(ListingEntry.Item.class::isInstance)
                .map(entry -> ((ListingEntry.Item<T>) entry).value());
    }

    public Stream<String> commonPrefixes()
    {
        return entries.stream()
                .filter(ListingEntry.Prefix.class::isInstance)
                .map(entry -> ((ListingEntry.Prefix<T>) entry).prefix());
    }

    public Optional<ListingEntry<T>> last()
    {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }
}
