package dev.tarn.s3.bucket;

import dev.tarn.s3.xml.Tag;
import dev.tarn.s3.xml.TagSet;
import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagSetsTest
{
    @Test
    void acceptsTheLimits()
    {
        List<Tag> tags = IntStream.range(0, 50).mapToObj(i -> new Tag("k" + i, "")).toList();
        assertThat(TagSets.validate(new TagSet(tags))).hasSize(50);
        assertThat(TagSets.validate(new TagSet(List.of(new Tag("k".repeat(128), "v".repeat(256)))))).hasSize(1);
    }

    @Test
    void rejectsBrokenRules()
    {
        assertInvalidTag(IntStream.range(0, 51).mapToObj(i -> new Tag("k" + i, "v")).toList());
        assertInvalidTag(List.of(new Tag("", "v")));
        assertInvalidTag(List.of(new Tag("k".repeat(129), "v")));
        assertInvalidTag(List.of(new Tag("k", "v".repeat(257))));
        assertInvalidTag(List.of(new Tag("k", "1"), new Tag("k", "2")));
        assertInvalidTag(List.of(new Tag("aws:owner", "v")));
        assertInvalidTag(List.of(new Tag("semi;colon", "v")));
    }

    @Test
    void missingKeyOrValueIsMalformed()
    {
        assertThatThrownBy(() -> TagSets.validate(new TagSet(List.of(new Tag("k", null)))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
    }

    @Test
    void storedFormRoundTrips()
    {
        List<Tag> tags = List.of(new Tag("a b", "x=y&z"), new Tag("ключ", ""), new Tag("c/d+e", "@:."));
        String stored = TagSets.encode(tags);
        assertThat(stored).doesNotContain(" ");
        assertThat(TagSets.decode(stored)).isEqualTo(tags);
        assertThat(TagSets.decode("")).isEmpty();
    }

    private static void assertInvalidTag(List<Tag> tags)
    {
        assertThatThrownBy(() -> TagSets.validate(new TagSet(tags)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidTag"));
    }
}
