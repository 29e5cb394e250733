package dev.tarn.s3.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading the parts of a (valid) policy document that S3 looks at itself: statements, principals, resources, conditions. */
final class PolicyJson
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolicyJson() {}

    static Optional<JsonNode> tree(String json)
    {
        try {
            return Optional.ofNullable(MAPPER.readTree(json)).filter(JsonNode::isObject);
        }
        catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The policy with only its Deny statements; empty when it has none (or does not parse). */
    static Optional<String> denyOnly(String json)
    {
        return tree(json).map(ObjectNode.class::cast).flatMap(policy -> {
            ArrayNode denies = JsonNodeFactory.instance.arrayNode();
            statements(policy).stream().filter(statement -> "Deny".equals(statement.path("Effect").asText())).forEach(denies::add);
            if (denies.isEmpty()) {
                return Optional.empty();
            }
            policy.set("Statement", denies);
            return Optional.of(policy.toString());
        });
    }

    static List<JsonNode> statements(JsonNode policy)
    {
        return values(policy.get("Statement"));
    }

    /** A string-or-list element as its list of nodes (empty when absent). */
    static List<JsonNode> values(JsonNode node)
    {
        List<JsonNode> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(values::add);
        }
        else {
            values.add(node);
        }
        return values;
    }

    static List<String> strings(JsonNode node)
    {
        return values(node).stream().filter(JsonNode::isValueNode).map(JsonNode::asText).toList();
    }
}
