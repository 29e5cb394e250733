package dev.tarn.s3.security;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a bucket policy is public, as AWS defines it ("The meaning of public" in the S3 User
 * Guide): some Allow statement grants to everyone ({@code "*"} or {@code {"AWS": "*"}}) without
 * a condition that pins a fixed value of a key that limits who can make the request, such as
 * aws:SourceIp (a range other than everything), aws:SourceArn, aws:SourceVpc(e),
 * aws:SourceAccount, aws:SourceOwner, aws:PrincipalAccount, aws:PrincipalArn, aws:PrincipalOrgID,
 * aws:userid or s3:x-amz-server-side-encryption-aws-kms-key-id. Wildcards in such a value, an
 * IfExists operator or a negated operator do not limit anything.
 */
public final class PublicPolicies
{
    private static final Set<String> LIMITING_KEYS = Set.of(
            "aws:sourceip", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn", "aws:sourceaccount", "aws:sourceowner",
            "aws:sourceorgid", "aws:sourceorgpaths", "aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths",
            "aws:userid", "s3:x-amz-server-side-encryption-aws-kms-key-id", "s3:dataaccesspointarn", "s3:dataaccesspointaccount");
    private static final Set<String> FIXING_OPERATORS = Set.of(
            "stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress");

    private PublicPolicies() {}

    public static boolean isPublic(String policy)
    {
        return PolicyJson.tree(policy).map(PublicPolicies::isPublic).orElse(false);
    }

    static boolean isPublic(JsonNode policy)
    {
        return PolicyJson.statements(policy).stream().anyMatch(statement ->
                statement.path("Effect").asText().equals("Allow")
                        && grantsEveryone(statement.get("Principal"))
                        && !limited(statement.get("Condition")));
    }

    private static boolean grantsEveryone(JsonNode principal)
    {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        return PolicyJson.strings(principal.get("AWS")).contains("*");
    }

    private static boolean limited(JsonNode condition)
    {
        if (condition == null || !condition.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> operators = condition.fields(); operators.hasNext(); ) {
            Map.Entry<String, JsonNode> operator = operators.next();
            String name = operator.getKey().toLowerCase(Locale.ROOT);
            name = name.substring(name.indexOf(':') + 1);
            if (!FIXING_OPERATORS.contains(name)) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = operator.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (LIMITING_KEYS.contains(key.getKey().toLowerCase(Locale.ROOT)) && fixed(name, PolicyJson.strings(key.getValue()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean fixed(String operator, List<String> values)
    {
        if (values.isEmpty()) {
            return false;
        }
        if (operator.equals("ipaddress")) {
            return values.stream().noneMatch(value -> value.endsWith("/0"));
        }
        return values.stream().noneMatch(value -> value.contains("*") || value.contains("?"));
    }
}
