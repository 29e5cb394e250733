package dev.tarn.s3.object;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagSetTest
{
    @Test
    void headerRoundTrip()
    {
        TagSet tags = TagSet.fromHeader("project=tarn&owner=data%20team&empty=");
        assertThat(tags.tags()).containsExactly(new TagSet.Tag("project", "tarn"), new TagSet.Tag("owner", "data team"), new TagSet.Tag("empty", ""));
        assertThat(TagSet.decode(tags.encode())).isEqualTo(tags);
    }

    @Test
    void specialCharactersSurviveEncoding()
    {
        TagSet tags = TagSet.validated(List.of(new TagSet.Tag("a&b=c", "x+y/ü")));
        assertThat(TagSet.decode(tags.encode())).isEqualTo(tags);
    }

    @Test
    void limits()
    {
        List<TagSet.Tag> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(new TagSet.Tag("k" + i, "v"));
        }
        assertInvalid(eleven);
        assertThat(TagSet.validated(eleven.subList(0, 10)).size()).isEqualTo(10);
        assertInvalid(List.of(new TagSet.Tag("", "v")));
        assertInvalid(List.of(new TagSet.Tag("k".repeat(129), "v")));
        assertThat(TagSet.validated(List.of(new TagSet.Tag("k".repeat(128), "v".repeat(256)))).size()).isEqualTo(1);
        assertInvalid(List.of(new TagSet.Tag("k", "v".repeat(257))));
        assertInvalid(List.of(new TagSet.Tag("k", "1"), new TagSet.Tag("k", "2")));
    }

    private static void assertInvalid(List<TagSet.Tag> tags)
    {
        assertThatThrownBy(() -> TagSet.validated(tags))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidTag"));
    }
}
