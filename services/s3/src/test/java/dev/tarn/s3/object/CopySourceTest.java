package dev.tarn.s3.object;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopySourceTest
{
    @Test
    void bucketAndKey()
    {
        assertThat(CopySource.parse("src/dir/file.txt")).isEqualTo(new CopySource("src", "dir/file.txt", Optional.empty()));
        assertThat(CopySource.parse("/src/dir/file.txt")).isEqualTo(new CopySource("src", "dir/file.txt", Optional.empty()));
    }

    @Test
    void keyIsUrlDecoded()
    {
        assertThat(CopySource.parse("src/a%20b%3Fc%2Bd+e").key()).isEqualTo("a b?c+d+e");
    }

    @Test
    void versionId()
    {
        assertThat(CopySource.parse("src/key?versionId=abc-_123")).isEqualTo(new CopySource("src", "key", Optional.of("abc-_123")));
    }

    @Test
    void invalid()
    {
        for (String header : new String[] {"src", "src/", "/key-only", "src/key?other=1"}) {
            assertThatThrownBy(() -> CopySource.parse(header))
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgument"));
        }
    }
}
