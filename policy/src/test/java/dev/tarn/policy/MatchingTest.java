package dev.tarn.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The building blocks: wildcards, ARN parts, policy strings, addresses and dates. */
class MatchingTest
{
    private static final VariableResolver VARIABLES = key -> Optional.ofNullable(Map.of("aws:username", "bob", "test:star", "a*").get(key));

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "*|anything|true",
            "*|''|true",
            "s3:get*|s3:getobject|true",
            "s3:get*|s3:putobject|false",
            "iam:*accesskey*|iam:createaccesskey|true",
            "iam:*accesskey*|iam:listaccesskeys|true",
            "iam:*accesskey*|iam:createuser|false",
            "a?c|abc|true",
            "a?c|ac|false",
            "a?c|abbc|false",
            "*a*a*a|aaaa|true",
            "*a*a*a|aaab|false",
            "**|x|true",
            "abc|abcd|false",
            "abcd|abc|false"})
    void wildcards(String pattern, String value, boolean matches)
    {
        int[] compiled = PolicyString.parse(pattern, false).resolve(VARIABLES).orElseThrow();
        assertThat(Glob.matches(compiled, value)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "*|arn:aws:s3:::b/k|true",
            "*|not-an-arn|true",
            "arn:aws:s3:::*|arn:aws:s3:::b/k|true",
            "arn:aws:s3:::*|arn:aws:iam::123456789012:user/bob|false",
            "arn:aws:s3:::b/*|arn:aws:s3:::b|false",
            "arn:aws:s3:::b*|arn:aws:s3:::b|true",
            "arn:aws:s3:::b/*|arn:aws:s3:::b/a:b:c|true",
            "arn:*:s3:::b|arn:aws-cn:s3:::b|true",
            "arn:aws:ec2:*:*:instance/*|arn:aws:ec2:us-east-1:123456789012:instance/i-1|true",
            "arn:aws:ec2:*:instance/*|arn:aws:ec2:us-east-1:123456789012:instance/i-1|false",
            "arn:aws:iam::*|arn:aws:iam::123456789012:user/bob|true",
            "arn:aws:iam::123456789012:user/*|arn:aws:iam::123456789012:user/division/bob|true",
            "arn:aws:iam::123456789012:user/*|arn:aws:iam::123456789012:role/bob|false",
            "arn:aws:s3:::B/*|arn:aws:s3:::b/k|false",
            "arn:aws:s3:::b?/*|arn:aws:s3:::bb/k|true",
            "arn:aws:s3:::b|arn:aws:s3|false"})
    void arns(String pattern, String arn, boolean matches)
    {
        int[] compiled = PolicyString.parse(pattern, true).resolve(VARIABLES).orElseThrow();
        assertThat(ArnMatching.matches(compiled, arn)).isEqualTo(matches);
    }

    @Test
    void variablesAreSubstitutedAsLiterals()
    {
        assertThat(Glob.literal(PolicyString.parse("home/${aws:username}/*", true).resolve(VARIABLES).orElseThrow())).isEqualTo("home/bob/*");
        int[] star = PolicyString.parse("x/${test:star}", true).resolve(VARIABLES).orElseThrow();
        assertThat(Glob.matches(star, "x/a*")).isTrue();
        assertThat(Glob.matches(star, "x/abc")).isFalse();
        assertThat(PolicyString.parse("${AWS:UserName}", true).resolve(VARIABLES).map(Glob::literal)).contains("bob");
    }

    @Test
    void defaultsAndEscapes()
    {
        assertThat(literal("${aws:userid, 'anonymous'}")).contains("anonymous");
        assertThat(literal("${ aws:username , 'x' }")).contains("bob");
        assertThat(literal("${test:none,'it''s'}")).contains("it''s");
        assertThat(literal("${*}${?}${$}")).contains("*?$");
        int[] escaped = PolicyString.parse("a${*}", true).resolve(VARIABLES).orElseThrow();
        assertThat(Glob.matches(escaped, "a*")).isTrue();
        assertThat(Glob.matches(escaped, "ab")).isFalse();
        assertThat(literal("${aws:userid}")).isEmpty();
    }

    @Test
    void malformedVariablesAreLiteralText()
    {
        assertThat(literal("${aws:username")).contains("${aws:username");
        assertThat(literal("${}")).contains("${}");
        assertThat(literal("${aws:username, default}")).contains("${aws:username, default}");
        assertThat(literal("$x{aws:username}")).contains("$x{aws:username}");
    }

    @Test
    void withoutVariablesNothingIsSubstituted()
    {
        PolicyString string = PolicyString.parse("home/${aws:username}/${*}", false);
        assertThat(string.hasVariables()).isFalse();
        assertThat(string.resolve(VARIABLES).map(Glob::literal)).contains("home/${aws:username}/${*}");
    }

    @Test
    void ipRanges()
    {
        assertThat(IpRange.parse("192.0.2.0/24").orElseThrow().contains(IpRange.parseAddress("192.0.2.77").orElseThrow())).isTrue();
        assertThat(IpRange.parse("192.0.2.0/24").orElseThrow().contains(IpRange.parseAddress("192.0.3.1").orElseThrow())).isFalse();
        assertThat(IpRange.parse("10.0.0.0/9").orElseThrow().contains(IpRange.parseAddress("10.128.0.1").orElseThrow())).isFalse();
        assertThat(IpRange.parse("::/0").orElseThrow().contains(IpRange.parseAddress("2001:db8::1").orElseThrow())).isTrue();
        assertThat(IpRange.parse("::/0").orElseThrow().contains(IpRange.parseAddress("192.0.2.1").orElseThrow())).isFalse();
        assertThat(IpRange.parseAddress("::ffff:192.0.2.1")).hasValueSatisfying(bytes -> assertThat(bytes).hasSize(4));
        assertThat(IpRange.parse("1.2")).isEmpty();
        assertThat(IpRange.parse("256.1.1.1")).isEmpty();
        assertThat(IpRange.parse("localhost")).isEmpty();
        assertThat(IpRange.parse("10.0.0.0/")).isEmpty();
        assertThat(IpRange.parse("2001:db8::/129")).isEmpty();
    }

    @Test
    void dates()
    {
        Instant instant = Instant.parse("2020-01-01T00:00:00Z");
        assertThat(PolicyDates.parse("2020-01-01T00:00:00Z")).contains(instant);
        assertThat(PolicyDates.parse("2020-01-01T00:00:00.000Z")).contains(instant);
        assertThat(PolicyDates.parse("2020-01-01T02:00:00+02:00")).contains(instant);
        assertThat(PolicyDates.parse("2020-01-01T00:00:00")).contains(instant);
        assertThat(PolicyDates.parse("2020-01-01")).contains(instant);
        assertThat(PolicyDates.parse("1577836800")).contains(instant);
        assertThat(PolicyDates.parse("1577836800.5")).contains(instant.plusMillis(500));
        assertThat(PolicyDates.parse("January 1st")).isEmpty();
        assertThat(PolicyDates.parse("99999999999999999999999")).isEmpty();
    }

    private static Optional<String> literal(String text)
    {
        return PolicyString.parse(text, true).resolve(VARIABLES).map(Glob::literal);
    }
}
