package dev.tarn.s3.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A browser upload's POST policy: when it expires and the conditions every form must meet.
 * Malformed policies are InvalidPolicyDocument with S3's "Invalid Policy: ..." messages.
 */
record PostPolicy(Instant expiration, List<PostCondition> conditions)
{
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    PostPolicy
    {
        conditions = List.copyOf(conditions);
    }

    static PostPolicy parse(String base64)
    {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        }
        catch (IllegalArgumentException e) {
            throw PostErrors.invalidPolicy("invalid Base64 encoding.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(decoded, StandardCharsets.UTF_8));
        }
        catch (JsonProcessingException e) {
            throw PostErrors.invalidPolicy("Invalid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw PostErrors.invalidPolicy("Invalid JSON.");
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("expiration") && !name.equals("conditions")) {
                throw PostErrors.invalidPolicy("Unexpected: '" + name.toLowerCase(Locale.ROOT) + "'");
            }
        }
        JsonNode expiration = root.get("expiration");
        if (expiration == null) {
            throw PostErrors.invalidPolicy("Policy missing expiration.");
        }
        JsonNode conditions = root.get("conditions");
        if (conditions == null) {
            throw PostErrors.invalidPolicy("Policy missing conditions.");
        }
        if (!conditions.isArray()) {
            throw PostErrors.invalidPolicy("Invalid 'conditions' value: must be a List.");
        }
        List<PostCondition> parsed = new ArrayList<>();
        for (JsonNode condition : conditions) {
            parsed.add(condition(condition));
        }
        return new PostPolicy(expiration(expiration), parsed);
    }

    /** ISO 8601 in UTC ({@code 2026-01-01T12:00:00Z}, fractions allowed); an offset or a space for the T is refused, as by S3. */
    private static Instant expiration(JsonNode value)
    {
        if (!value.isTextual() || !value.asText().endsWith("Z")) {
            throw PostErrors.invalidPolicy("Invalid 'expiration' value: '" + (value.isTextual() ? value.asText() : value.toString()) + "'");
        }
        try {
            return Instant.parse(value.asText());
        }
        catch (DateTimeParseException e) {
            throw PostErrors.invalidPolicy("Invalid 'expiration' value: '" + value.asText() + "'");
        }
    }

    private static PostCondition condition(JsonNode condition)
    {
        if (condition.isObject()) {
            return simpleCondition((ObjectNode) condition);
        }
        if (!condition.isArray()) {
            throw PostErrors.invalidPolicy("Invalid condition test: must be a List or Object.");
        }
        ArrayNode operands = (ArrayNode) condition;
        if (operands.isEmpty() || !operands.get(0).isTextual()) {
            throw PostErrors.invalidPolicy("Invalid Condition: missing operation identifier.");
        }
        String operation = operands.get(0).asText().toLowerCase(Locale.ROOT);
        String text = text(operands);
        switch (operation) {
            case "eq", "starts-with" -> {
                if (operands.size() != 3) {
                    throw PostErrors.invalidPolicy("Invalid " + operation + ": wrong number of arguments.");
                }
                if (!operands.get(1).isTextual() || !operands.get(2).isTextual()) {
                    throw PostErrors.invalidPolicy("Invalid JSON.");
                }
                Optional<String> field = PostCondition.fieldOf(operands.get(1).asText());
                String value = operands.get(2).asText();
                return operation.equals("eq") ? new PostCondition.Equals(field, value, text) : new PostCondition.StartsWith(field, value, text);
            }
            case "content-length-range" -> {
                if (operands.size() != 3) {
                    throw PostErrors.invalidPolicy("Invalid content-length-range: wrong number of arguments.");
                }
                Optional<Long> minimum = bound(operands.get(1));
                Optional<Long> maximum = bound(operands.get(2));
                if (minimum.filter(value -> value < 0).isPresent() || maximum.filter(value -> value < 0).isPresent()) {
                    throw PostErrors.invalidPolicy("Invalid content-length-range: the range must not be negative.");
                }
                return new PostCondition.ContentLengthRange(minimum, maximum, text);
            }
            default -> throw PostErrors.invalidPolicy("Invalid Condition: unknown operation '" + operands.get(0).asText() + "'.");
        }
    }

    /** A bound is an integer, or a string of one; a float is not JSON S3 reads, and other text fails the condition. */
    private static Optional<Long> bound(JsonNode value)
    {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.asLong());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Long.parseLong(value.asText().strip()));
            }
            catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        throw PostErrors.invalidPolicy("Invalid JSON.");
    }

    /** {@code {"field": "value"}}, which S3 reads (and prints) as {@code ["eq", "$field", "value"]}. */
    private static PostCondition simpleCondition(ObjectNode condition)
    {
        if (condition.size() != 1) {
            throw PostErrors.invalidPolicy("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
        }
        Map.Entry<String, JsonNode> entry = condition.fields().next();
        if (entry.getValue().isNull()) {
            throw PostErrors.invalidPolicy("Invalid JSON.");
        }
        if (!entry.getValue().isTextual()) {
            throw PostErrors.invalidPolicy("Invalid Simple-Condition: value must be a string.");
        }
        ArrayNode asEq = JsonNodeFactory.instance.arrayNode().add("eq").add("$" + entry.getKey()).add(entry.getValue().asText());
        return new PostCondition.Equals(PostCondition.fieldOf("$" + entry.getKey()), entry.getValue().asText(), text(asEq));
    }

    /** The condition as S3 quotes it: its JSON items separated by ", ". */
    private static String text(ArrayNode operands)
    {
        return StreamSupport.stream(operands.spliterator(), false).map(JsonNode::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
