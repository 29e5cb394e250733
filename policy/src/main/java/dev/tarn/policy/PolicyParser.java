package dev.tarn.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarn.spi.error.AwsException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a policy document's JSON into compiled statements, enforcing the grammar of the IAM
 * JSON policy elements reference. The Statement list is read with the streaming parser so each
 * statement's start and end positions are known (SimulatePrincipalPolicy reports them).
 */
final class PolicyParser
{
    // configured here once and never changed; Jackson mappers are safe to share once configured
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of(
            "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[^\\s:]+");
    private static final Pattern CONDITION_KEY = Pattern.compile("[^:\\s]+:.+");
    private static final Pattern IDENTITY_SID = Pattern.compile("[0-9A-Za-z]*");

    private static final String SYNTAX = "Syntax errors in policy.";
    private static final String VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

    private PolicyParser() {}

    static PolicyDocument parse(String json, Optional<PolicyType> requiredType)
    {
        if (json == null || json.isBlank()) {
            throw malformed(SYNTAX + " The policy document is empty.");
        }
        Optional<String> versionText = Optional.empty();
        Optional<String> id = Optional.empty();
        List<RawStatement> rawStatements = null;
        Set<String> seen = new HashSet<>();
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(SYNTAX + " The policy document must be a JSON object.");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonLocation at = parser.currentTokenLocation();
                if (!DOCUMENT_ELEMENTS.contains(name)) {
                    throw malformed(SYNTAX + " Unknown element \"" + name + "\"" + where(at) + ".");
                }
                seen.add(name);
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "Statement" -> rawStatements = readStatements(parser, token);
                    case "Version" -> versionText = Optional.of(text(MAPPER.readTree(parser), "Version", at));
                    default -> id = Optional.of(text(MAPPER.readTree(parser), "Id", at));
                }
            }
            if (parser.nextToken() != null) {
                throw malformed(SYNTAX + " Unexpected content after the policy document" + where(parser.currentTokenLocation()) + ".");
            }
        }
        catch (JsonProcessingException e) {
            throw malformed(SYNTAX + " " + jsonProblem(e) + where(e.getLocation()) + ".").withCause(e);
        }
        catch (IOException e) {
            throw malformed(SYNTAX).withCause(e);
        }

        PolicyVersion version = versionText
                .map(text -> PolicyVersion.fromText(text).orElseThrow(() -> malformed(
                        "The policy failed legacy parsing: Version must be \"2012-10-17\" or \"2008-10-17\", not \"" + text + "\".")))
                .orElse(PolicyVersion.V2008_10_17);
        if (rawStatements == null) {
            throw malformed(SYNTAX + " Missing required element Statement.");
        }
        if (rawStatements.isEmpty()) {
            throw malformed(SYNTAX + " The Statement list is empty.");
        }

        List<RawStatement> raws = rawStatements;
        PolicyType type = requiredType.orElseGet(() -> raws.stream()
                .anyMatch(raw -> raw.node().has("Principal") || raw.node().has("NotPrincipal")) ? PolicyType.RESOURCE : PolicyType.IDENTITY);
        List<Statement> statements = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        Set<String> contextKeys = new LinkedHashSet<>();
        for (int i = 0; i < rawStatements.size(); i++) {
            Statement statement = new StatementReader(rawStatements.get(i), i, type, version, contextKeys).read();
            if (statement.sid().isPresent() && !statement.sid().get().isEmpty() && !sids.add(statement.sid().get())) {
                throw malformed("Statement IDs (SID) in a single policy must be unique." + " Duplicate Sid \"" + statement.sid().get() + "\".");
            }
            statements.add(statement);
        }
        return new PolicyDocument(type, version, id, statements, contextKeys);
    }

    private record RawStatement(JsonNode node, JsonLocation start, JsonLocation end) {}

    private static List<RawStatement> readStatements(JsonParser parser, JsonToken token)
            throws IOException
    {
        List<RawStatement> statements = new ArrayList<>();
        if (token == JsonToken.START_OBJECT) {
            statements.add(readStatement(parser));
            return statements;
        }
        if (token != JsonToken.START_ARRAY) {
            throw malformed(SYNTAX + " Statement must be an object or a list of objects" + where(parser.currentTokenLocation()) + ".");
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw malformed(SYNTAX + " Statement " + (statements.size() + 1) + " must be an object" + where(parser.currentTokenLocation()) + ".");
            }
            statements.add(readStatement(parser));
        }
        return statements;
    }

    private static RawStatement readStatement(JsonParser parser)
            throws IOException
    {
        JsonLocation start = parser.currentTokenLocation();
        JsonNode node = MAPPER.readTree(parser);
        JsonLocation end = parser.currentLocation();
        return new RawStatement(node, start, end);
    }

    /** Reads one statement; knows where it is for its error messages. */
    private static final class StatementReader
    {
        private final RawStatement raw;
        private final JsonNode node;
        private final int index;
        private final PolicyType type;
        private final PolicyVersion version;
        private final Set<String> documentContextKeys;
        private final Set<String> requiredVariables = new LinkedHashSet<>();

        StatementReader(RawStatement raw, int index, PolicyType type, PolicyVersion version, Set<String> documentContextKeys)
        {
            this.raw = raw;
            this.node = raw.node();
            this.index = index;
            this.type = type;
            this.version = version;
            this.documentContextKeys = documentContextKeys;
        }

        Statement read()
        {
            node.fieldNames().forEachRemaining(name -> {
                if (!STATEMENT_ELEMENTS.contains(name)) {
                    throw fail(SYNTAX + " Unknown element \"" + name + "\"");
                }
            });
            Optional<String> sid = Optional.ofNullable(node.get("Sid")).map(value -> scalarText(value, "Sid"));
            if (type == PolicyType.IDENTITY && sid.isPresent() && !IDENTITY_SID.matcher(sid.get()).matches()) {
                throw fail("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*");
            }
            Effect effect = effect();
            ActionSet actions = actions();
            Optional<PrincipalSet> principals = principals(effect);
            Optional<ResourceSet> resources = resources();
            List<Condition> conditions = conditions();
            return new Statement(index, sid, effect, actions, resources, principals, conditions, requiredVariables,
                    position(raw.start()), position(raw.end()));
        }

        private Effect effect()
        {
            JsonNode value = node.get("Effect");
            if (value == null) {
                throw fail("Missing required field Effect.");
            }
            String text = scalarText(value, "Effect");
            for (Effect effect : Effect.values()) {
                if (effect.jsonName().equals(text)) {
                    return effect;
                }
            }
            throw fail(SYNTAX + " Effect must be \"Allow\" or \"Deny\", not \"" + text + "\"");
        }

        private ActionSet actions()
        {
            String element = exclusive("Action", "NotAction");
            if (element == null) {
                throw fail("Policy statement must contain actions.");
            }
            List<String> actions = strings(node.get(element), element);
            if (actions.isEmpty()) {
                throw fail("Policy statement must contain actions.");
            }
            for (String action : actions) {
                if (!action.equals("*") && !ACTION.matcher(action).matches()) {
                    throw fail(VENDOR + " Invalid action \"" + action + "\"");
                }
            }
            return new ActionSet(actions, element.equals("NotAction"));
        }

        private Optional<ResourceSet> resources()
        {
            String element = exclusive("Resource", "NotResource");
            if (element == null) {
                if (type == PolicyType.IDENTITY) {
                    throw fail("Policy statement must contain resources.");
                }
                return Optional.empty();
            }
            List<String> resources = strings(node.get(element), element);
            if (resources.isEmpty()) {
                throw fail("Policy statement must contain resources.");
            }
            List<PolicyString> patterns = new ArrayList<>();
            for (String resource : resources) {
                if (!resource.equals("*") && !(resource.startsWith("arn:") && resource.chars().filter(c -> c == ':').count() >= 5)) {
                    throw fail("Resource " + resource + " must be in ARN format or \"*\".");
                }
                PolicyString pattern = PolicyString.parse(resource, version.supportsVariables());
                pattern.addRequiredVariables(requiredVariables);
                pattern.addVariableKeys(documentContextKeys);
                patterns.add(pattern);
            }
            return Optional.of(new ResourceSet(patterns, element.equals("NotResource")));
        }

        private Optional<PrincipalSet> principals(Effect effect)
        {
            String element = exclusive("Principal", "NotPrincipal");
            if (type == PolicyType.IDENTITY) {
                if (element != null) {
                    throw fail("Policy document should not specify a principal.");
                }
                return Optional.empty();
            }
            if (element == null) {
                throw fail("Missing required field Principal.");
            }
            boolean negated = element.equals("NotPrincipal");
            if (negated && effect != Effect.DENY) {
                throw fail(SYNTAX + " NotPrincipal must be used with \"Effect\": \"Deny\"");
            }
            JsonNode value = node.get(element);
            List<PrincipalEntry> entries = new ArrayList<>();
            if (value.isTextual()) {
                if (!value.asText().equals("*") || negated) {
                    throw fail("Invalid principal in policy: " + value);
                }
                entries.add(new PrincipalEntry(PrincipalEntry.Kind.ANY, "*"));
                return Optional.of(new PrincipalSet(entries, false));
            }
            if (!value.isObject() || value.isEmpty()) {
                throw fail(SYNTAX + " " + element + " must be \"*\" or an object such as {\"AWS\": \"123456789012\"}");
            }
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
                String principalType = field.getKey();
                if (!PRINCIPAL_TYPES.contains(principalType)) {
                    throw fail("Invalid principal in policy: \"" + principalType + "\":" + field.getValue());
                }
                List<String> names = strings(field.getValue(), element + "." + principalType);
                if (names.isEmpty()) {
                    throw fail("Invalid principal in policy: \"" + principalType + "\":[]");
                }
                for (String name : names) {
                    Optional<PrincipalEntry> entry = switch (principalType) {
                        case "AWS" -> PrincipalEntry.aws(name);
                        case "Service" -> named(PrincipalEntry.Kind.SERVICE, name);
                        case "Federated" -> named(PrincipalEntry.Kind.FEDERATED, name);
                        default -> named(PrincipalEntry.Kind.CANONICAL_USER, name);
                    };
                    if (entry.isEmpty() || (negated && entry.get().kind() == PrincipalEntry.Kind.ANY)) {
                        throw fail("Invalid principal in policy: \"" + principalType + "\":\"" + name + "\"");
                    }
                    entries.add(entry.get());
                }
            }
            return Optional.of(new PrincipalSet(entries, negated));
        }

        private static Optional<PrincipalEntry> named(PrincipalEntry.Kind kind, String name)
        {
            if (name.isEmpty() || name.contains("*") || name.contains("?") || name.chars().anyMatch(Character::isWhitespace)) {
                return Optional.empty();
            }
            return Optional.of(new PrincipalEntry(kind, name));
        }

        private List<Condition> conditions()
        {
            JsonNode block = node.get("Condition");
            if (block == null) {
                return List.of();
            }
            if (!block.isObject()) {
                throw fail(SYNTAX + " Condition must be an object of condition operators");
            }
            List<Condition> conditions = new ArrayList<>();
            for (Map.Entry<String, JsonNode> operatorField : (Iterable<Map.Entry<String, JsonNode>>) block::fields) {
                String operatorText = operatorField.getKey();
                OperatorName name = OperatorName.parse(operatorText)
                        .orElseThrow(() -> fail(SYNTAX + " Unknown condition operator \"" + operatorText + "\""));
                JsonNode keys = operatorField.getValue();
                if (!keys.isObject() || keys.isEmpty()) {
                    throw fail(SYNTAX + " Condition operator " + operatorText + " must map condition keys to values");
                }
                for (Map.Entry<String, JsonNode> keyField : (Iterable<Map.Entry<String, JsonNode>>) keys::fields) {
                    conditions.add(condition(operatorText, name, keyField.getKey(), keyField.getValue()));
                }
            }
            return conditions;
        }

        private Condition condition(String operatorText, OperatorName name, String keyText, JsonNode valuesNode)
        {
            if (!CONDITION_KEY.matcher(keyText).matches()) {
                throw fail(VENDOR + " Invalid condition key \"" + keyText + "\"");
            }
            List<String> values = conditionValues(valuesNode, operatorText, keyText);
            ValueMatcher matcher;
            try {
                matcher = name.operator().compile(values, version.supportsVariables());
            }
            catch (IllegalArgumentException e) {
                throw fail(SYNTAX + " Invalid value for " + operatorText + " on \"" + keyText + "\": " + e.getMessage());
            }
            String key = keyText.toLowerCase(Locale.ROOT);
            documentContextKeys.add(key);
            if (version.supportsVariables() && name.operator().supportsVariables()) {
                for (String value : values) {
                    PolicyString string = PolicyString.parse(value, true);
                    string.addRequiredVariables(requiredVariables);
                    string.addVariableKeys(documentContextKeys);
                }
            }
            return new Condition(operatorText, name.operator(), name.qualifier(), name.ifExists(), key, keyText, values, matcher);
        }

        private List<String> conditionValues(JsonNode value, String operatorText, String keyText)
        {
            List<JsonNode> items = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(items::add);
            }
            else {
                items.add(value);
            }
            if (items.isEmpty()) {
                throw fail(SYNTAX + " Condition " + operatorText + " on \"" + keyText + "\" has no values");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode item : items) {
                if (item.isTextual() || item.isBoolean()) {
                    values.add(item.asText());
                }
                else if (item.isNumber()) {
                    values.add(item.isBigDecimal() ? item.decimalValue().toPlainString() : item.asText());
                }
                else {
                    throw fail(SYNTAX + " Condition values must be strings, numbers or booleans (" + operatorText + " on \"" + keyText + "\")");
                }
            }
            return values;
        }

        /** Which of the two exclusive elements is present (null if neither); both is an error. */
        private String exclusive(String element, String negated)
        {
            boolean has = node.has(element);
            boolean hasNegated = node.has(negated);
            if (has && hasNegated) {
                throw fail(SYNTAX + " A statement can't have both " + element + " and " + negated);
            }
            return has ? element : hasNegated ? negated : null;
        }

        /** A string, or a list of strings, as elements such as Action take. */
        private List<String> strings(JsonNode value, String element)
        {
            if (value.isTextual()) {
                return List.of(value.asText());
            }
            if (value.isArray()) {
                List<String> strings = new ArrayList<>();
                for (JsonNode item : value) {
                    if (!item.isTextual()) {
                        throw fail(SYNTAX + " " + element + " must be a string or a list of strings");
                    }
                    strings.add(item.asText());
                }
                return strings;
            }
            throw fail(SYNTAX + " " + element + " must be a string or a list of strings");
        }

        private String scalarText(JsonNode value, String element)
        {
            if (!value.isTextual()) {
                throw fail(SYNTAX + " " + element + " must be a string");
            }
            return value.asText();
        }

        private AwsException fail(String message)
        {
            String sid = Optional.ofNullable(node.get("Sid")).filter(JsonNode::isTextual).map(JsonNode::asText)
                    .filter(s -> !s.isEmpty()).map(s -> ", Sid \"" + s + "\"").orElse("");
            String trimmed = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
            return malformed(trimmed + " (statement " + (index + 1) + sid + where(raw.start()) + ").");
        }
    }

    /** An operator's full name: {@code ForAnyValue:StringLikeIfExists} and the like. */
    private record OperatorName(ConditionOperator operator, Condition.SetQualifier qualifier, boolean ifExists)
    {
        static Optional<OperatorName> parse(String text)
        {
            String rest = text;
            Condition.SetQualifier qualifier = Condition.SetQualifier.NONE;
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("forallvalues:")) {
                qualifier = Condition.SetQualifier.FOR_ALL_VALUES;
                rest = text.substring("ForAllValues:".length());
            }
            else if (lower.startsWith("foranyvalue:")) {
                qualifier = Condition.SetQualifier.FOR_ANY_VALUE;
                rest = text.substring("ForAnyValue:".length());
            }
            boolean ifExists = rest.toLowerCase(Locale.ROOT).endsWith("ifexists");
            if (ifExists) {
                rest = rest.substring(0, rest.length() - "IfExists".length());
            }
            Optional<ConditionOperator> operator = ConditionOperator.fromName(rest);
            if (operator.isEmpty()) {
                return Optional.empty();
            }
            // Null tests presence itself: neither IfExists nor a set qualifier means anything with it
            if (operator.get() == ConditionOperator.NULL && (ifExists || qualifier != Condition.SetQualifier.NONE)) {
                return Optional.empty();
            }
            return Optional.of(new OperatorName(operator.get(), qualifier, ifExists));
        }
    }

    private static String text(JsonNode value, String element, JsonLocation at)
    {
        if (!value.isTextual()) {
            throw malformed(SYNTAX + " " + element + " must be a string" + where(at) + ".");
        }
        return value.asText();
    }

    private static SourcePosition position(JsonLocation location)
    {
        return new SourcePosition(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static String where(JsonLocation location)
    {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String jsonProblem(JsonProcessingException e)
    {
        String message = e.getOriginalMessage();
        if (e instanceof JsonParseException && message != null && message.startsWith("Duplicate field")) {
            return "Duplicate element " + message.substring("Duplicate field".length()).strip();
        }
        return "Invalid JSON";
    }

    private static AwsException malformed(String message)
    {
        return PolicyErrors.MALFORMED_POLICY_DOCUMENT.exception(message);
    }
}
