package dev.tarn.athena.engine.duckdb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaintextCacheTest
{
    private Path folder;
    private final List<long[]> fetched = new ArrayList<>();

    @BeforeEach
    void folder()
            throws IOException
    {
        folder = Files.createTempDirectory("plaintext-cache").resolve("cache");
    }

    @AfterEach
    void clean()
            throws IOException
    {
        Files.deleteIfExists(folder);
        Files.deleteIfExists(folder.getParent());
    }

    /** Writes byte (offset % 251) at every offset of the ranges, and records them. */
    private Optional<PlaintextCache.RangeFetcher> fetcher()
    {
        return Optional.of((file, ranges) -> {
            try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
                for (long[] range : ranges) {
                    fetched.add(range.clone());
                    byte[] bytes = new byte[(int) range[1]];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) ((range[0] + i) % 251);
                    }
                    out.seek(range[0]);
                    out.write(bytes);
                }
            }
        });
    }

    private static PlaintextCache.Identity object(String key, long size)
    {
        return new PlaintextCache.Identity("bucket", key, "\"etag-" + key + "\"", size);
    }

    @Test
    void onlyTheMissingPartsOfRangesAreFetched()
            throws IOException
    {
        try (PlaintextCache cache = PlaintextCache.in(folder, 10_000)) {
            try (PlaintextCache.Lease lease = cache.acquire(object("a", 1000), List.of(new long[] {100, 200}), fetcher()).orElseThrow()) {
                assertThat(Files.size(lease.path())).isEqualTo(1000);
            }
            try (PlaintextCache.Lease lease = cache.acquire(object("a", 1000), List.of(new long[] {0, 150}, new long[] {250, 100}), fetcher()).orElseThrow()) {
                byte[] bytes = Files.readAllBytes(lease.path());
                for (int i = 0; i < 350; i++) {
                    assertThat(bytes[i]).as("offset %d", i).isEqualTo((byte) (i % 251));
                }
            }
            assertThat(fetched).containsExactly(new long[] {100, 200}, new long[] {0, 100}, new long[] {300, 50});
            assertThat(cache.filledBytes()).isEqualTo(350);

            // everything there: no fetcher needed
            assertThat(cache.acquire(object("a", 1000), List.of(new long[] {0, 350}), Optional.empty())).isPresent().get()
                    .satisfies(PlaintextCache.Lease::close);
            assertThat(cache.acquire(object("a", 1000), List.of(new long[] {0, 351}), Optional.empty())).isEmpty();
        }
    }

    @Test
    void anotherVersionIsAnotherEntry()
            throws IOException
    {
        try (PlaintextCache cache = PlaintextCache.in(folder, 10_000)) {
            cache.acquire(object("a", 100), List.of(new long[] {0, 100}), fetcher()).orElseThrow().close();
            PlaintextCache.Identity replaced = new PlaintextCache.Identity("bucket", "a", "\"another\"", 100);
            assertThat(cache.acquire(replaced, List.of(new long[] {0, 100}), Optional.empty())).isEmpty();
            cache.acquire(replaced, List.of(new long[] {0, 100}), fetcher()).orElseThrow().close();
            assertThat(fetched).hasSize(2);
        }
    }

    @Test
    void leastRecentlyUsedEntriesAreEvictedButNeverPinnedOnes()
            throws IOException
    {
        try (PlaintextCache cache = PlaintextCache.in(folder, 1000)) {
            cache.acquire(object("a", 400), List.of(new long[] {0, 400}), fetcher()).orElseThrow().close();
            PlaintextCache.Lease b = cache.acquire(object("b", 400), List.of(new long[] {0, 400}), fetcher()).orElseThrow();
            // c needs room: a (unused) goes, b (in use) stays
            PlaintextCache.Lease c = cache.acquire(object("c", 400), List.of(new long[] {0, 400}), fetcher()).orElseThrow();
            assertThat(cache.filledBytes()).isEqualTo(800);
            assertThat(cache.acquire(object("a", 400), List.of(new long[] {0, 400}), Optional.empty())).isEmpty();
            assertThat(Files.readAllBytes(b.path())).hasSize(400);

            // b and c pinned, 200 bytes free: a larger entry does not fit and nothing is evicted
            assertThat(cache.acquire(object("d", 400), List.of(new long[] {0, 400}), fetcher())).isEmpty();
            assertThat(cache.filledBytes()).isEqualTo(800);
            b.close();
            c.close();
            assertThat(cache.acquire(object("d", 400), List.of(new long[] {0, 400}), fetcher())).isPresent().get().satisfies(PlaintextCache.Lease::close);
            assertThat(cache.filledBytes()).isEqualTo(800);
        }
    }

    @Test
    void anEntryWhoseFetchFailedIsDropped()
            throws IOException
    {
        try (PlaintextCache cache = PlaintextCache.in(folder, 10_000)) {
            Optional<PlaintextCache.RangeFetcher> failing = Optional.of((file, ranges) -> {
                throw new IOException("object unreadable");
            });
            assertThatThrownBy(() -> cache.acquire(object("a", 100), List.of(new long[] {0, 100}), failing)).hasMessage("object unreadable");
            assertThat(cache.filledBytes()).isZero();
            try (var files = Files.list(folder)) {
                assertThat(files.filter(Files::isRegularFile)).as("no entry file left").isEmpty();
            }
            cache.acquire(object("a", 100), List.of(new long[] {0, 100}), fetcher()).orElseThrow().close();
            assertThat(fetched).hasSize(1);
        }
    }

    @Test
    void noCacheLeasesNothingAndClosingEmptiesTheFolder()
            throws IOException
    {
        assertThat(PlaintextCache.none().acquire(object("a", 10), List.of(new long[] {0, 10}), fetcher())).isEmpty();
        PlaintextCache cache = PlaintextCache.in(folder, 10_000);
        cache.acquire(object("a", 10), List.of(new long[] {0, 10}), fetcher()).orElseThrow();
        cache.close();
        assertThat(folder).doesNotExist();
    }
}
