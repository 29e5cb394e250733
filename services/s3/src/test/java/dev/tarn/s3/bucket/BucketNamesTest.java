package dev.tarn.s3.bucket;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BucketNamesTest
{
    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket", "my.bucket.name", "a1b2c3", "123", "xn-abc", "bucket-s3alias-not", "1.2.3.4.5",
            "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsValidNames(String name)
    {
        assertThat(BucketNames.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "a234567890123456789012345678901234567890123456789012345678901234", "MyBucket", "my_bucket",
            "-bucket", "bucket-", ".bucket", "bucket.", "my..bucket", "192.168.5.4", "xn--bucket", "sthree-bucket",
            "amzn-s3-demo-bucket", "bucket-s3alias", "bucket--ol-s3", "bucket.mrap", "bucket--x-s3", "bucket--table-s3",
            "bucket name", "bücket"})
    void rejectsInvalidNames(String name)
    {
        assertThat(BucketNames.isValid(name)).isFalse();
    }

    @Test
    void invalidNameIsInvalidBucketNameWithTheName()
    {
        assertThatThrownBy(() -> BucketNames.check("Bad_Name"))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidBucketName");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.details()).containsEntry("BucketName", "Bad_Name");
                });
    }
}
