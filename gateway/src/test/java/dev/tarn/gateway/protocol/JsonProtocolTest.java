package dev.tarn.gateway.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.gateway.http.GatewayRequest;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonProtocolTest
{
    private final JsonProtocol protocol = new JsonProtocol(ProtocolMappers.json(), ProtocolMappers.cbor());

    record DescribeKeyRequest(String keyId, Optional<List<String>> grantTokens) {}

    record KeyMetadata(String keyId, Instant creationDate, boolean enabled) {}

    record DescribeKeyResponse(KeyMetadata keyMetadata) {}

    @Test
    void jsonMembersAreUpperCamelCase()
    {
        var request = request("application/x-amz-json-1.1", "{\"KeyId\":\"alias/lake\",\"GrantTokens\":[\"t\"]}".getBytes());
        DescribeKeyRequest input = protocol.decode(request, DescribeKeyRequest.class);
        assertThat(input.keyId()).isEqualTo("alias/lake");
        assertThat(input.grantTokens()).contains(List.of("t"));

        var response = protocol.encode(request, new DescribeKeyResponse(new KeyMetadata("k1", Instant.ofEpochSecond(1_700_000_000), true)), "1.1");
        assertThat(response.body().orElseThrow().contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(QueryProtocolTest.body(response)).isEqualTo("{\"KeyMetadata\":{\"KeyId\":\"k1\",\"CreationDate\":1700000000.000000000,\"Enabled\":true}}");
    }

    @Test
    void emptyBodyIsAnEmptyInput()
    {
        DescribeKeyRequest input = protocol.decode(request("application/x-amz-json-1.1", new byte[0]), DescribeKeyRequest.class);
        assertThat(input.keyId()).isNull();
        assertThat(input.grantTokens()).isEmpty();
    }

    @Test
    void cborRoundTrips()
            throws Exception
    {
        ObjectMapper cbor = ProtocolMappers.cbor();
        byte[] body = cbor.writeValueAsBytes(Map.of("KeyId", "k2"));
        var request = request(JsonProtocol.CBOR_CONTENT_TYPE, body);
        assertThat(protocol.decode(request, DescribeKeyRequest.class).keyId()).isEqualTo("k2");

        var response = protocol.encode(request, new DescribeKeyResponse(new KeyMetadata("k2", Instant.EPOCH, false)), "1.1");
        var out = new java.io.ByteArrayOutputStream();
        response.body().orElseThrow().writeTo(out);
        assertThat(response.body().orElseThrow().contentType()).isEqualTo(JsonProtocol.CBOR_CONTENT_TYPE);
        assertThat(cbor.readTree(out.toByteArray()).at("/KeyMetadata/KeyId").asText()).isEqualTo("k2");
    }

    @Test
    void unreadableBodyIsASerializationException()
    {
        assertThatThrownBy(() -> protocol.decode(request("application/x-amz-json-1.1", "{not json".getBytes()), DescribeKeyRequest.class))
                .isInstanceOfSatisfying(AwsException.class, error -> assertThat(error.code()).isEqualTo("SerializationException"));
    }

    private static GatewayRequest request(String contentType, byte[] body)
    {
        RequestContext context = new RequestContext("R", Caller.root("123456789012", "AK"), "us-east-1", "127.0.0.1", false, Instant.EPOCH);
        return new GatewayRequest(context, "POST", "/", Optional.empty(), Map.of(),
                Headers.builder().set("content-type", contentType).build(), new ByteArrayInputStream(body), OptionalLong.of(body.length), Headers::empty);
    }
}
