package dev.tarn.gateway.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The canonical forms, case by case. */
class SigV4Test
{
    @Test
    void canonicalQueryDecodesAndEncodesAgain()
    {
        assertThat(canonicalQuery("")).isEmpty();
        assertThat(canonicalQuery("b=2&a=1&a=0")).isEqualTo("a=0&a=1&b=2");
        assertThat(canonicalQuery("acl")).isEqualTo("acl=");
        assertThat(canonicalQuery("acl=&&versionId=")).isEqualTo("acl=&versionId=");
        assertThat(canonicalQuery("prefix=a%20b&x=a+b")).isEqualTo("prefix=a%20b&x=a%2Bb");
        assertThat(canonicalQuery("k=%2f%7E%41")).isEqualTo("k=%2F~A");
        assertThat(canonicalQuery("k=%zz%")).isEqualTo("k=%25zz%25");
        assertThat(canonicalQuery("k=ü*'()!")).isEqualTo("k=%C3%BC%2A%27%28%29%21");
        assertThat(canonicalQuery("Z=1&a=1&_=1")).isEqualTo("Z=1&_=1&a=1");
        assertThat(SigV4.canonicalQuery(SigV4.parseQuery("X-Amz-Signature=abc&X-Amz-Date=1"), "X-Amz-Signature"::equals)).isEqualTo("X-Amz-Date=1");
    }

    @Test
    void canonicalUriKeepsS3PathsAndEncodesOthersAgain()
    {
        assertThat(SigV4.canonicalUri("", true)).isEqualTo("/");
        assertThat(SigV4.canonicalUri("/a%20b/./c/../d//e", true)).isEqualTo("/a%20b/./c/../d//e");
        assertThat(SigV4.canonicalUri("", false)).isEqualTo("/");
        assertThat(SigV4.canonicalUri("/a%20b/c", false)).isEqualTo("/a%2520b/c");
        assertThat(SigV4.canonicalUri("/a/./b/../c", false)).isEqualTo("/a/c");
        assertThat(SigV4.canonicalUri("/a//b/", false)).isEqualTo("/a/b/");
        assertThat(SigV4.canonicalUri("/..", false)).isEqualTo("/");
        assertThat(SigV4.canonicalUri("/a/b/..", false)).isEqualTo("/a/");
    }

    @Test
    void canonicalHeaderValuesAreTrimmedCollapsedAndJoined()
    {
        assertThat(SigV4.canonicalHeaderValue(List.of("  a   b  "))).isEqualTo("a b");
        assertThat(SigV4.canonicalHeaderValue(List.of("a\t\tb", " c "))).isEqualTo("a b,c");
        assertThat(SigV4.canonicalHeaderValue(List.of())).isEmpty();
    }

    @Test
    void datesAreStrict()
    {
        assertThat(SigV4.parseBasicDateTime("20260101T120000Z")).isPresent();
        assertThat(SigV4.parseBasicDateTime("20260230T120000Z")).isEmpty();
        assertThat(SigV4.parseBasicDateTime("20260101T120000")).isEmpty();
        assertThat(SigV4.parseBasicDateTime("2026-01-01T12:00:00Z")).isEmpty();
    }

    private static String canonicalQuery(String rawQuery)
    {
        return SigV4.canonicalQuery(SigV4.parseQuery(rawQuery), name -> false);
    }
}
