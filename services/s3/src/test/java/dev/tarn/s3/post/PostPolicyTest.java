package dev.tarn.s3.post;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostPolicyTest
{
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void conditionsAreHeldInOrderAndFieldsMustBeNamed()
    {
        PostPolicy policy = policy("{\"expiration\": \"2026-06-01T13:00:00.000Z\", \"conditions\": [{\"bucket\": \"photos\"}, "
                + "[\"starts-with\", \"$key\", \"user/\"], [\"eq\", \"$Content-Type\", \"image/png\"], [\"content-length-range\", \"1\", 2048], "
                + "{\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"}]}");
        List<FormField> fields = List.of(new FormField("key", "user/a.png"), new FormField("content-type", "image/png"),
                new FormField("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), new FormField("x-ignore-me", "1"), new FormField("Policy", "..."));

        assertThat(PolicyCheck.check(policy, fields, "photos", NOW)).isEqualTo(new SizeRange(1, 2048));
        assertRefused(() -> PolicyCheck.check(policy, fields, "other", NOW), "AccessDenied",
                "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$bucket\", \"photos\"]");
        assertRefused(() -> PolicyCheck.check(policy, List.of(new FormField("key", "user/a.png"), new FormField("content-type", "IMAGE/PNG")), "photos", NOW),
                "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$Content-Type\", \"image/png\"]");
        assertRefused(() -> PolicyCheck.check(policy, List.of(new FormField("key", "user/a.png"), new FormField("content-type", "image/png"),
                new FormField("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), new FormField("acl", "public-read")), "photos", NOW),
                "AccessDenied", "Invalid according to Policy: Extra input fields: acl");
        assertRefused(() -> PolicyCheck.check(policy, fields, "photos", Instant.parse("2026-06-01T13:00:00Z")), "AccessDenied",
                "Invalid according to Policy: Policy expired.");
    }

    @Test
    void unreadableBoundsFailTheCondition()
    {
        PostPolicy policy = policy("{\"expiration\": \"2026-06-01T13:00:00Z\", \"conditions\": [[\"content-length-range\", \"test\", \"10\"]]}");
        assertRefused(() -> PolicyCheck.check(policy, List.of(), "b", NOW), "AccessDenied",
                "Invalid according to Policy: Policy Condition failed: [\"content-length-range\", \"test\", \"10\"]");
    }

    @Test
    void malformedPoliciesAreInvalidPolicyDocument()
    {
        assertInvalid("not base64!", "Invalid Policy: invalid Base64 encoding.");
        assertInvalid(encode("{not json"), "Invalid Policy: Invalid JSON.");
        assertInvalid(encode("{\"conditions\": []}"), "Invalid Policy: Policy missing expiration.");
        assertInvalid(encode("{\"expiration\": \"2026-06-01T13:00:00Z\"}"), "Invalid Policy: Policy missing conditions.");
        assertInvalid(encode("{\"expiration\": \"2026-06-01T13:00:00+02:00\", \"conditions\": []}"),
                "Invalid Policy: Invalid 'expiration' value: '2026-06-01T13:00:00+02:00'");
        assertInvalid(encode("{\"expiration\": \"2026-06-01T13:00:00Z\", \"conditions\": [{\"a\": \"1\", \"b\": \"2\"}]}"),
                "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
        assertInvalid(encode("{\"expiration\": \"2026-06-01T13:00:00Z\", \"conditions\": [{\"a\": 1}]}"),
                "Invalid Policy: Invalid Simple-Condition: value must be a string.");
        assertInvalid(encode("{\"expiration\": \"2026-06-01T13:00:00Z\", \"conditions\": [[\"in\", \"$key\", \"a\"]]}"),
                "Invalid Policy: Invalid Condition: unknown operation 'in'.");
        assertInvalid(encode("{\"expiration\": \"2026-06-01T13:00:00Z\", \"conditions\": [[\"eq\", \"$key\"]]}"),
                "Invalid Policy: Invalid eq: wrong number of arguments.");
        assertInvalid(encode("{\"expiration\": \"2026-06-01T13:00:00Z\", \"conditions\": [[\"content-length-range\", 0, 512.0]]}"),
                "Invalid Policy: Invalid JSON.");
        assertInvalid(encode("{\"Statement\": [], \"expiration\": \"2026-06-01T13:00:00Z\", \"conditions\": []}"),
                "Invalid Policy: Unexpected: 'statement'");
    }

    private static PostPolicy policy(String json)
    {
        return PostPolicy.parse(encode(json));
    }

    private static String encode(String json)
    {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalid(String policy, String message)
    {
        assertRefused(() -> PostPolicy.parse(policy), "InvalidPolicyDocument", message);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code, String message)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
