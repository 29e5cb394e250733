package dev.tarn.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class QueryProtocolTest
{
    private final QueryProtocol protocol = new QueryProtocol(ProtocolMappers.query());

    record Tag(String key, String value) {}

    record CreateUserRequest(String userName, Optional<String> path, List<Tag> tags, Map<String, String> attributes) {}

    record User(String userName, Instant createDate, List<String> groups) {}

    record GetUserResult(User user) {}

    @Test
    void membersAndEntriesBecomeListsAndMaps()
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Action", "CreateUser");
        parameters.put("UserName", "paulo");
        parameters.put("Tags.member.2.Key", "team");
        parameters.put("Tags.member.2.Value", "science");
        parameters.put("Tags.member.1.Key", "cost");
        parameters.put("Tags.member.1.Value", "42");
        parameters.put("Attributes.entry.1.key", "a");
        parameters.put("Attributes.entry.1.value", "b");

        CreateUserRequest request = protocol.decode(parameters, CreateUserRequest.class);

        assertThat(request.userName()).isEqualTo("paulo");
        assertThat(request.path()).isEmpty();
        assertThat(request.tags()).containsExactly(new Tag("cost", "42"), new Tag("team", "science"));
        assertThat(request.attributes()).containsExactly(Map.entry("a", "b"));
    }

    @Test
    void numericIndexesWithoutMemberAreListsToo()
    {
        JsonNode tree = QueryProtocol.toTree(Map.of("Names.2", "b", "Names.1", "a", "Names.10", "c"));
        assertThat(tree.get("Names").isArray()).isTrue();
        assertThat(tree.get("Names").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
    }

    @Test
    void resultIsWrappedAsAwsDoes()
    {
        var response = protocol.encode("GetUser",
                new GetUserResult(new User("paulo", Instant.parse("2026-01-02T03:04:05Z"), List.of("data-science"))),
                "https://iam.amazonaws.com/doc/2010-05-08/", "REQ1");

        String xml = body(response);
        assertThat(xml).isEqualTo("<GetUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetUserResult>"
                + "<User><UserName>paulo</UserName><CreateDate>2026-01-02T03:04:05Z</CreateDate><Groups><member>data-science</member></Groups></User>"
                + "</GetUserResult><ResponseMetadata><RequestId>REQ1</RequestId></ResponseMetadata></GetUserResponse>");
    }

    @Test
    void textIsEscaped()
    {
        String xml = body(protocol.encode("GetUser", new GetUserResult(new User("<a&b>", Instant.EPOCH, List.of())), "ns", "R"));
        assertThat(xml).contains("<UserName>&lt;a&amp;b&gt;</UserName>").contains("<Groups></Groups>");
    }

    static String body(dev.tarn.spi.http.ServiceResponse response)
    {
        var out = new java.io.ByteArrayOutputStream();
        try {
            response.body().orElseThrow().writeTo(out);
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
