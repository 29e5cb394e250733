package dev.tarn.s3.bucket;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocationConstraintsTest
{
    @Test
    void usEast1TakesNoConstraint()
    {
        assertThatCode(() -> LocationConstraints.check(Optional.empty(), "us-east-1")).doesNotThrowAnyException();
        assertThatCode(() -> LocationConstraints.check(Optional.of(""), "us-east-1")).doesNotThrowAnyException();
        assertError(Optional.of("us-east-1"), "us-east-1", "InvalidLocationConstraint");
        assertError(Optional.of("eu-west-1"), "us-east-1", "IllegalLocationConstraintException");
    }

    @Test
    void otherRegionsNeedTheirOwnName()
    {
        assertThatCode(() -> LocationConstraints.check(Optional.of("eu-west-1"), "eu-west-1")).doesNotThrowAnyException();
        assertError(Optional.empty(), "eu-west-1", "IllegalLocationConstraintException");
        assertError(Optional.of("us-west-2"), "eu-west-1", "IllegalLocationConstraintException");
        assertError(Optional.of("us-east-1"), "eu-west-1", "InvalidLocationConstraint");
    }

    @Test
    void unknownRegionIsInvalid()
    {
        assertError(Optional.of("moon-base-1"), "eu-west-1", "InvalidLocationConstraint");
        assertError(Optional.of("moon-base-1"), "us-east-1", "InvalidLocationConstraint");
    }

    @Test
    void aCustomServerRegionAcceptsItsOwnName()
    {
        assertThatCode(() -> LocationConstraints.check(Optional.of("tarn-local"), "tarn-local")).doesNotThrowAnyException();
    }

    @Test
    void locationOfUsEast1IsEmpty()
    {
        assertThat(LocationConstraints.of("us-east-1")).isEmpty();
        assertThat(LocationConstraints.of("eu-west-1")).isEqualTo("eu-west-1");
    }

    private static void assertError(Optional<String> constraint, String region, String code)
    {
        assertThatThrownBy(() -> LocationConstraints.check(constraint, region))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
