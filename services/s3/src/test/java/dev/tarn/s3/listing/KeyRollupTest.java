package dev.tarn.s3.listing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRollupTest
{
    @Test
    void rollsUpAtTheFirstDelimiterAfterThePrefix()
    {
        KeyRollup rollup = new KeyRollup("photos/", Optional.of("/"));
        assertThat(rollup.commonPrefix("photos/2024/jan/a.jpg")).contains("photos/2024/");
        assertThat(rollup.commonPrefix("photos/a.jpg")).isEmpty();
        assertThat(rollup.commonPrefix("photos/")).isEmpty();
        assertThat(rollup.commonPrefix("other/x/y")).isEmpty();
    }

    @Test
    void multiCharacterDelimiter()
    {
        KeyRollup rollup = new KeyRollup("", Optional.of("--"));
        assertThat(rollup.commonPrefix("a-b--c--d")).contains("a-b--");
        assertThat(rollup.commonPrefix("a-b-c")).isEmpty();
    }

    @Test
    void emptyDelimiterIsNone()
    {
        KeyRollup rollup = new KeyRollup("", Optional.of(""));
        assertThat(rollup.delimiter()).isEmpty();
        assertThat(rollup.commonPrefix("a/b")).isEmpty();
    }

    @Test
    void markerThatIsACommonPrefixResumesPastIt()
    {
        KeyRollup rollup = new KeyRollup("", Optional.of("/"));
        assertThat(rollup.resumeAfter("a/")).isEqualTo(ListingPosition.pastPrefix("a/"));
        assertThat(rollup.resumeAfter("a/b")).isEqualTo(ListingPosition.afterKey("a/b"));
        assertThat(new KeyRollup("", Optional.empty()).resumeAfter("a/")).isEqualTo(ListingPosition.afterKey("a/"));
    }
}
