package dev.tarn.s3.listing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one page of a listing from a {@link ListingSource}, rolling keys up into common
 * prefixes. A common prefix counts as one entry however many keys it stands for: once a second
 * key under it turns up, the listing seeks past the whole prefix instead of reading through it.
 */
public final class RolledUpListing
{
    /** Largest number of entries read from the store at once. */
    static final int MAX_BATCH = 1000;

    private RolledUpListing() {}

    public static <T> ListingPage<T> page(ListingSource<T> source, KeyRollup rollup, ListingPosition start, int maxEntries)
    {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("negative maxEntries");
        }
        List<ListingEntry<T>> entries = new ArrayList<>();
        if (maxEntries == 0) {
            // S3 answers max-keys=0 with an empty page that is not truncated
            return new ListingPage<>(entries, false);
        }
        ListingPosition position = start;
        Optional<String> openPrefix = Optional.empty();
        while (true) {
            // one more than needed, so a full page knows whether anything follows
            int limit = Math.min(maxEntries - entries.size(), MAX_BATCH) + 1;
            List<T> batch = source.fetch(position, limit);
            boolean seek = false;
            for (T item : batch) {
                String key = source.key(item);
                if (openPrefix.isPresent() && key.startsWith(openPrefix.get())) {
                    // a second key under the last common prefix: seek past the rest of it
                    seek = true;
                    break;
                }
                if (entries.size() == maxEntries) {
                    return new ListingPage<>(entries, true);
                }
                Optional<String> commonPrefix = rollup.commonPrefix(key);
                if (commonPrefix.isPresent()) {
                    entries.add(new ListingEntry.Prefix<>(commonPrefix.get()));
                    position = ListingPosition.pastPrefix(commonPrefix.get());
                }
                else {
                    entries.add(new ListingEntry.Item<>(item));
                    position = source.after(item);
                }
                openPrefix = commonPrefix;
            }
            if (!seek && batch.size() < limit) {
                return new ListingPage<>(entries, false);
            }
            openPrefix = Optional.empty();
        }
    }
}
