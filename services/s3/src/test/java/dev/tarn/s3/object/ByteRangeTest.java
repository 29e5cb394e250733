package dev.tarn.s3.object;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRangeTest
{
    @Test
    void closedRange()
    {
        assertThat(ByteRange.parse("bytes=0-9", 100)).contains(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=10-10", 100).orElseThrow().length()).isEqualTo(1);
    }

    @Test
    void lastBeyondEndIsClamped()
    {
        assertThat(ByteRange.parse("bytes=90-1000", 100)).contains(new ByteRange(90, 99));
    }

    @Test
    void openRange()
    {
        assertThat(ByteRange.parse("bytes=40-", 100)).contains(new ByteRange(40, 99));
    }

    @Test
    void suffixRange()
    {
        assertThat(ByteRange.parse("bytes=-10", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-500", 100)).contains(new ByteRange(0, 99));
    }

    @Test
    void contentRange()
    {
        assertThat(new ByteRange(5, 9).contentRange(100)).isEqualTo("bytes 5-9/100");
    }

    @Test
    void unsatisfiableRangesAreInvalidRangeWithTheObjectSize()
    {
        for (String header : new String[] {"bytes=100-200", "bytes=100-", "bytes=-0"}) {
            assertThatThrownBy(() -> ByteRange.parse(header, 100))
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidRange");
                        assertThat(e.httpStatus()).isEqualTo(416);
                        assertThat(e.details()).containsEntry("ActualObjectSize", "100").containsEntry("RangeRequested", header);
                    });
        }
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(AwsException.class);
    }

    @Test
    void unreadableOrMultipleRangesAreIgnored()
    {
        assertThat(ByteRange.parse("bytes=9-3", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 100)).isEqualTo(Optional.empty());
    }
}
