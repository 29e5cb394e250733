package dev.tarn.s3.listing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roll-up and paging algorithm over an in-memory sorted key set that counts the rows it
 * hands out, so that seeking past a common prefix (instead of reading through it) is observable.
 */
class RolledUpListingTest
{
    private static final Comparator<String> UTF8 = (left, right) -> Arrays.compareUnsigned(
            left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));

    @Test
    void pagesWithoutDelimiterReturnEveryKeyOnceInOrder()
    {
        SortedKeys keys = new SortedKeys(IntStream.range(0, 3500).mapToObj(i -> "key-%05d".formatted(i * 7 % 3500)).toList());
        for (int pageSize : new int[] {1000, 7, 1}) {
            assertThat(listAll(keys, new KeyRollup("", Optional.empty()), pageSize)).containsExactlyElementsOf(keys.keys);
        }
    }

    @Test
    void pagesWithDelimiterReturnEachPrefixOnce()
    {
        List<String> all = new ArrayList<>();
        for (int dir = 0; dir < 40; dir++) {
            for (int file = 0; file < 60; file++) {
                all.add("dir-%02d/file-%02d".formatted(dir, file));
                all.add("dir-%02d/sub/file-%02d".formatted(dir, file));
            }
            all.add("top-%02d".formatted(dir));
        }
        SortedKeys keys = new SortedKeys(all);
        for (String prefix : new String[] {"", "dir-07/"}) {
            KeyRollup rollup = new KeyRollup(prefix, Optional.of("/"));
            List<String> expected = keys.keys.stream()
                    .filter(key -> key.startsWith(prefix))
                    .map(key -> rollup.commonPrefix(key).orElse(key))
                    .distinct()
                    .toList();
            for (int pageSize : new int[] {1000, 3, 1}) {
                assertThat(listAll(keys.withPrefix(prefix), rollup, pageSize)).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void aLargeCommonPrefixIsSkippedWithASeek()
    {
        List<String> all = new ArrayList<>();
        all.add("a");
        IntStream.range(0, 100_000).forEach(i -> all.add("big/%06d".formatted(i)));
        all.add("big0");
        all.add("c/1");
        SortedKeys keys = new SortedKeys(all);

        ListingPage<String> page = RolledUpListing.page(keys, new KeyRollup("", Optional.of("/")), ListingPosition.START, 1000);

        assertThat(entries(page)).containsExactly("a", "big/", "big0", "c/");
        assertThat(page.truncated()).isFalse();
        // one batch may read into the prefix before the seek; never through its 100,000 keys
        assertThat(keys.rowsRead).isLessThan(2 * (RolledUpListing.MAX_BATCH + 1));
    }

    @Test
    void keysBeyondTheLargestCodePointBelowAPrefixAreSkippedToo()
    {
        String beyond = "p/" + new String(Character.toChars(Character.MAX_CODE_POINT)).repeat(3) + "z";
        SortedKeys keys = new SortedKeys(List.of("p/a", "p/b", "p/\uFFFF", beyond, "q"));
        ListingPage<String> page = RolledUpListing.page(keys, new KeyRollup("", Optional.of("/")), ListingPosition.START, 10);
        assertThat(entries(page)).containsExactly("p/", "q");
    }

    @Test
    void fullPageIsTruncatedOnlyWhenMoreFollows()
    {
        SortedKeys keys = new SortedKeys(List.of("a/1", "a/2", "b"));
        KeyRollup rollup = new KeyRollup("", Optional.of("/"));
        assertThat(RolledUpListing.page(keys, rollup, ListingPosition.START, 2).truncated()).isFalse();
        assertThat(RolledUpListing.page(keys, rollup, ListingPosition.START, 1).truncated()).isTrue();
        // the last page ends with a common prefix whose keys fill the batch: nothing follows it
        assertThat(RolledUpListing.page(new SortedKeys(List.of("a", "b/1", "b/2", "b/3")), rollup, ListingPosition.START, 2).truncated()).isFalse();
    }

    @Test
    void zeroEntriesIsAnEmptyCompletePage()
    {
        ListingPage<String> page = RolledUpListing.page(new SortedKeys(List.of("a")), new KeyRollup("", Optional.empty()), ListingPosition.START, 0);
        assertThat(page.entries()).isEmpty();
        assertThat(page.truncated()).isFalse();
    }

    /** Lists page by page, resuming after the last entry as a client does with NextMarker. */
    private static List<String> listAll(SortedKeys keys, KeyRollup rollup, int pageSize)
    {
        List<String> listed = new ArrayList<>();
        ListingPosition position = ListingPosition.START;
        while (true) {
            ListingPage<String> page = RolledUpListing.page(keys, rollup, position, pageSize);
            assertThat(page.entries().size()).isLessThanOrEqualTo(pageSize);
            List<String> entries = entries(page);
            listed.addAll(entries);
            if (!page.truncated()) {
                return listed;
            }
            assertThat(entries).hasSize(pageSize);
            position = rollup.resumeAfter(entries.get(entries.size() - 1));
        }
    }

    private static List<String> entries(ListingPage<String> page)
    {
        return page.entries().stream()
                .map(entry -> entry instanceof ListingEntry.Prefix<String> prefix ? prefix.prefix() : ((ListingEntry.Item<String>) entry).value())
                .toList();
    }

    private static final class SortedKeys
            implements ListingSource<String>
    {
        private final NavigableSet<String> keys = new TreeSet<>(UTF8);
        private String prefix = "";
        private long rowsRead;

        SortedKeys(List<String> keys)
        {
            this.keys.addAll(keys);
        }

        /** Selects the keys starting with prefix, as the store does for a listing's prefix. */
        SortedKeys withPrefix(String prefix)
        {
            this.prefix = prefix;
            return this;
        }

        @Override
        public List<String> fetch(ListingPosition position, int limit)
        {
            NavigableSet<String> tail = position.key().map(key -> keys.tailSet(key, false)).orElse(keys);
            List<String> batch = tail.stream().filter(key -> key.startsWith(prefix)).limit(limit).toList();
            rowsRead += batch.size();
            return batch;
        }

        @Override
        public String key(String entry)
        {
            return entry;
        }

        @Override
        public ListingPosition after(String entry)
        {
            return ListingPosition.afterKey(entry);
        }
    }
}
