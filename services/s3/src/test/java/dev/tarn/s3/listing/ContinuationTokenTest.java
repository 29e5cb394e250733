package dev.tarn.s3.listing;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContinuationTokenTest
{
    @Test
    void roundTrips()
    {
        for (String key : new String[] {"", "a", "photos/2024/", "ключ with spaces & + %", "\uD83D\uDE00"}) {
            String token = ContinuationToken.encode(key);
            assertThat(token).matches("[A-Za-z0-9_-]*");
            assertThat(ContinuationToken.decode(token)).isEqualTo(key);
        }
    }

    @Test
    void foreignTokensAreInvalidArgument()
    {
        for (String token : new String[] {"", "not base64!", "YWJj"}) {
            assertThatThrownBy(() -> ContinuationToken.decode(token))
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidArgument");
                        assertThat(e.details()).containsEntry("ArgumentName", "continuation-token");
                    });
        }
    }
}
