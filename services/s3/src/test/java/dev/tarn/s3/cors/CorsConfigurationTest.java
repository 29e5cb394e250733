package dev.tarn.s3.cors;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorsConfigurationTest
{
    @Test
    void originWildcardStandsForAnyRunOfCharacters()
    {
        WildcardPattern pattern = new WildcardPattern("https://*.example.com", false);
        assertThat(pattern.matches("https://app.example.com")).isTrue();
        assertThat(pattern.matches("https://a.b.example.com")).isTrue();
        assertThat(pattern.matches("https://.example.com")).isTrue();
        assertThat(pattern.matches("https://example.com")).isFalse();
        assertThat(pattern.matches("http://app.example.com")).isFalse();
        assertThat(pattern.matches("https://app.example.com.evil.test")).isFalse();
        assertThat(pattern.matches("HTTPS://APP.EXAMPLE.COM")).isFalse();
        assertThat(new WildcardPattern("x-amz-*", true).matches("X-Amz-Date")).isTrue();
        assertThat(new WildcardPattern("*", false).matches("")).isTrue();
    }

    @Test
    void theFirstRuleAllowingOriginMethodAndEveryHeaderDecides()
    {
        CorsConfiguration configuration = CorsConfiguration.validated(new CorsDocument(List.of(
                new CorsDocument.Rule("uploads", List.of("Content-Type", "x-amz-*"), List.of("PUT"), List.of("https://*.example.com"), null, 60),
                new CorsDocument.Rule(null, null, List.of("GET", "PUT"), List.of("*"), List.of("ETag"), null))));

        CorsMatch upload = configuration.match("https://app.example.com", "PUT", List.of("content-type", "x-amz-date")).orElseThrow();
        assertThat(upload.rule().id()).contains("uploads");
        assertThat(upload.anyOrigin()).isFalse();

        // a header the first rule does not allow falls through to the second, which allows no header at all
        assertThat(configuration.match("https://app.example.com", "PUT", List.of("authorization"))).isEmpty();
        CorsMatch any = configuration.match("https://other.test", "PUT", List.of()).orElseThrow();
        assertThat(any.anyOrigin()).isTrue();
        assertThat(any.rule().exposeHeaders()).containsExactly("ETag");
        assertThat(configuration.match("https://other.test", "DELETE", List.of())).isEmpty();
    }

    @Test
    void validationFollowsS3()
    {
        assertRefused(new CorsDocument(null), "MalformedXML");
        assertRefused(new CorsDocument(List.of(new CorsDocument.Rule(null, null, List.of("GET"), List.of(), null, null))), "MalformedXML");
        assertRefused(new CorsDocument(List.of(new CorsDocument.Rule(null, null, List.of("GET"), List.of("*"), null, -1))), "MalformedXML");
        assertRefused(new CorsDocument(List.of(new CorsDocument.Rule(null, null, List.of("get"), List.of("*"), null, null))), "InvalidRequest");
        assertRefused(new CorsDocument(List.of(new CorsDocument.Rule(null, null, List.of("GET"), List.of("*"), List.of("x-*"), null))), "InvalidRequest");
    }

    private static void assertRefused(CorsDocument document, String code)
    {
        assertThatThrownBy(() -> CorsConfiguration.validated(document))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
