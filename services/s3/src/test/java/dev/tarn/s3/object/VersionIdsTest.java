package dev.tarn.s3.object;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VersionIdsTest
{
    @Test
    void idsAreUniqueUrlSafeAndSortInCreationOrder()
    {
        // a clock standing still: the counter alone must keep the order
        VersionIds ids = new VersionIds(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            made.add(ids.next());
        }
        assertThat(new HashSet<>(made)).hasSize(made.size());
        assertThat(made).isSorted();
        assertThat(made).allSatisfy(id -> {
            assertThat(id).matches("[A-Za-z0-9_][A-Za-z0-9_-]{31}");
            assertThat(VersionIds.isWellFormed(id)).isTrue();
        });
    }

    @Test
    void laterTimesSortAfter()
    {
        String early = new VersionIds(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC)).next();
        String late = new VersionIds(Clock.fixed(Instant.parse("2024-01-01T00:00:01Z"), ZoneOffset.UTC)).next();
        assertThat(early).isLessThan(late);
    }

    @Test
    void wellFormed()
    {
        assertThat(VersionIds.isWellFormed("null")).isFalse();
        assertThat(VersionIds.isWellFormed("abc")).isFalse();
        assertThat(VersionIds.isWellFormed("a".repeat(31) + "!")).isFalse();
    }
}
