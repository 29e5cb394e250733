package dev.tarn.gateway.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UriCodecTest
{
    @Test
    void pathDecodingKeepsPlusAndDecodesUtf8()
    {
        assertThat(UriCodec.decode("a+b%20c/%E2%82%AC%2F", false)).isEqualTo("a+b c/€/");
    }

    @Test
    void formDecodingTurnsPlusIntoSpace()
    {
        assertThat(UriCodec.decode("a+b%2B", true)).isEqualTo("a b+");
    }

    @Test
    void invalidEscapesStayLiteral()
    {
        assertThat(UriCodec.decode("100%zz%4", false)).isEqualTo("100%zz%4");
    }

    @Test
    void queryKeepsOrderRepeatsAndBareNames()
    {
        var query = UriCodec.parseQuery("versioning&prefix=a%2Fb&x=1&x=2&empty=");
        assertThat(query.keySet()).containsExactly("versioning", "prefix", "x", "empty");
        assertThat(query.get("versioning")).containsExactly("");
        assertThat(query.get("prefix")).containsExactly("a/b");
        assertThat(query.get("x")).isEqualTo(List.of("1", "2"));
    }

    @Test
    void encodingIsRfc3986()
    {
        assertThat(UriCodec.encode("a b/~*€", false)).isEqualTo("a%20b%2F~%2A%E2%82%AC");
        assertThat(UriCodec.encode("a b/c", true)).isEqualTo("a%20b/c");
        assertThat(UriCodec.decode(UriCodec.encode("ключ/𝄞 +&=", false), false)).isEqualTo("ключ/𝄞 +&=");
    }
}
