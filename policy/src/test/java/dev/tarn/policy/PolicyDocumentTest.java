package dev.tarn.policy;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PolicyDocumentTest
{
    private static final String ALLOW_ALL = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""";

    @Test
    void readsTheElements()
    {
        PolicyDocument document = PolicyDocument.parse("""
                {
                  "Version": "2012-10-17",
                  "Id": "my-policy",
                  "Statement": [
                    {
                      "Sid": "First",
                      "Effect": "Allow",
                      "Action": ["s3:GetObject", "s3:PutObject"],
                      "Resource": "arn:aws:s3:::b/*"
                    },
                    {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:s3:::b/*"],
                     "Condition": {"StringEquals": {"aws:username": "${aws:username}"}, "Bool": {"aws:SecureTransport": "false"}}}
                  ]
                }""", PolicyType.IDENTITY);

        assertThat(document.type()).isEqualTo(PolicyType.IDENTITY);
        assertThat(document.version()).isEqualTo(PolicyVersion.V2012_10_17);
        assertThat(document.id()).contains("my-policy");
        assertThat(document.statements()).hasSize(2);
        Statement first = document.statements().get(0);
        assertThat(first.sid()).contains("First");
        assertThat(first.effect()).isEqualTo(Effect.ALLOW);
        assertThat(first.actionPatterns()).containsExactly("s3:GetObject", "s3:PutObject");
        assertThat(first.start()).isEqualTo(new SourcePosition(5, 5));
        assertThat(first.end()).isEqualTo(new SourcePosition(10, 6));
        Statement second = document.statements().get(1);
        assertThat(second.index()).isEqualTo(1);
        assertThat(second.sid()).isEmpty();
        assertThat(second.hasNotAction()).isTrue();
        assertThat(second.start().line()).isEqualTo(11);
        assertThat(document.contextKeys()).containsExactlyInAnyOrder("aws:username", "aws:securetransport");
    }

    @Test
    void statementMayBeASingleObject()
    {
        PolicyDocument document = PolicyDocument.parse("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}""");
        assertThat(document.statements()).hasSize(1);
        assertThat(document.type()).isEqualTo(PolicyType.IDENTITY);
    }

    @Test
    void withoutVersionTheLanguageIs2008()
    {
        assertThat(PolicyDocument.parse("""
                {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}""").version()).isEqualTo(PolicyVersion.V2008_10_17);
        assertThat(PolicyDocument.parse("""
                {"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}""").version())
                .isEqualTo(PolicyVersion.V2008_10_17);
    }

    @Test
    void principalsMakeAResourcePolicy()
    {
        PolicyDocument document = PolicyDocument.parse("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": {"AWS": ["123456789012", "arn:aws:iam::123456789012:root",
                     "arn:aws:iam::123456789012:user/division/bob", "arn:aws:iam::123456789012:role/r",
                     "arn:aws:sts::123456789012:assumed-role/r/s", "arn:aws:sts::123456789012:federated-user/f", "AIDACKCEVSQ6C2EXAMPLE"],
                     "Service": "ec2.amazonaws.com", "Federated": "cognito-identity.amazonaws.com",
                     "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
                   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
                  {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:*", "Resource": "*"},
                  {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}
                ]}""");
        assertThat(document.type()).isEqualTo(PolicyType.RESOURCE);
        assertThat(document.statements()).allMatch(Statement::hasPrincipal);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformedDocuments(String rule, PolicyType type, String json, String message)
    {
        assertThatThrownBy(() -> parse(json, type))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("MalformedPolicyDocument");
                    assertThat(e.httpStatus()).isEqualTo(400);
                })
                .hasMessageContaining(message);
    }

    private static PolicyDocument parse(String json, PolicyType type)
    {
        return type == null ? PolicyDocument.parse(json) : PolicyDocument.parse(json, type);
    }

    static Stream<Arguments> malformedDocuments()
    {
        PolicyType identity = PolicyType.IDENTITY;
        PolicyType resource = PolicyType.RESOURCE;
        return Stream.of(
                arguments("not JSON", identity, "{\"Version\": ", "Syntax errors in policy. Invalid JSON at line 1"),
                arguments("empty text", identity, "  ", "Syntax errors in policy."),
                arguments("not an object", identity, "[]", "must be a JSON object"),
                arguments("trailing content", identity, ALLOW_ALL + " {}", "Unexpected content after the policy document"),
                arguments("duplicate element", identity, """
                        {"Version": "2012-10-17", "Version": "2012-10-17", "Statement": []}""", "Duplicate element 'Version'"),
                arguments("unknown top-level element", identity, """
                        {"Version": "2012-10-17", "Statements": []}""", "Unknown element \"Statements\""),
                arguments("bad Version", identity, """
                        {"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""",
                        "The policy failed legacy parsing"),
                arguments("Version not a string", identity, """
                        {"Version": 2012, "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""", "Version must be a string"),
                arguments("Id not a string", identity, """
                        {"Id": {}, "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""", "Id must be a string"),
                arguments("no Statement", identity, """
                        {"Version": "2012-10-17"}""", "Missing required element Statement"),
                arguments("empty Statement list", identity, """
                        {"Version": "2012-10-17", "Statement": []}""", "The Statement list is empty"),
                arguments("Statement a string", identity, """
                        {"Version": "2012-10-17", "Statement": "Allow"}""", "Statement must be an object or a list of objects"),
                arguments("Statement list of strings", identity, """
                        {"Version": "2012-10-17", "Statement": ["Allow"]}""", "Statement 1 must be an object"),
                arguments("unknown statement element", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Actions": "*", "Resource": "*"}]}""",
                        "Unknown element \"Actions\" (statement 1 at line 1, column 41)"),
                arguments("missing Effect", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Sid": "S1", "Action": "*", "Resource": "*"}]}""",
                        "Missing required field Effect (statement 1, Sid \"S1\""),
                arguments("bad Effect", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]}""",
                        "Effect must be \"Allow\" or \"Deny\", not \"allow\""),
                arguments("Effect not a string", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": true, "Action": "*", "Resource": "*"}]}""", "Effect must be a string"),
                arguments("both Action and NotAction", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "NotAction": "s3:*", "Resource": "*"}]}""",
                        "can't have both Action and NotAction"),
                arguments("no Action", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*"}]}""", "Policy statement must contain actions"),
                arguments("empty Action list", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [], "Resource": "*"}]}""",
                        "Policy statement must contain actions"),
                arguments("Action without vendor", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "GetObject", "Resource": "*"}]}""",
                        "Actions/Conditions must be prefaced by a vendor"),
                arguments("Action of numbers", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [1], "Resource": "*"}]}""",
                        "Action must be a string or a list of strings"),
                arguments("identity policy without Resource", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*"}]}""", "Policy statement must contain resources"),
                arguments("both Resource and NotResource", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "NotResource": "*"}]}""",
                        "can't have both Resource and NotResource"),
                arguments("Resource not an ARN", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "bucket/key"}]}""",
                        "Resource bucket/key must be in ARN format or \"*\""),
                arguments("identity policy with Principal", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}""",
                        "Policy document should not specify a principal"),
                arguments("identity policy with NotPrincipal", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "*", "Resource": "*"}]}""",
                        "Policy document should not specify a principal"),
                arguments("resource policy without Principal", resource, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""",
                        "Missing required field Principal"),
                arguments("mixed statements read as a resource policy", null, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
                          {"Effect": "Allow", "Action": "*", "Resource": "*"}]}""",
                        "Missing required field Principal (statement 2"),
                arguments("both Principal and NotPrincipal", resource, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "NotPrincipal": {"AWS": "123456789012"}, "Action": "*"}]}""",
                        "can't have both Principal and NotPrincipal"),
                arguments("NotPrincipal with Allow", resource, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "123456789012"}, "Action": "*"}]}""",
                        "NotPrincipal must be used with \"Effect\": \"Deny\""),
                arguments("NotPrincipal *", resource, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": "*", "Action": "*"}]}""",
                        "Invalid principal in policy"),
                arguments("Principal a name", resource, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "bob", "Action": "*"}]}""",
                        "Invalid principal in policy: \"bob\""),
                arguments("Principal with a partial wildcard", resource, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/*"}, "Action": "*"}]}""",
                        "Invalid principal in policy: \"AWS\":\"arn:aws:iam::123456789012:user/*\""),
                arguments("Principal of a group", resource, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:group/g"}, "Action": "*"}]}""",
                        "Invalid principal in policy"),
                arguments("unknown principal type", resource, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Group": "g"}, "Action": "*"}]}""",
                        "Invalid principal in policy: \"Group\""),
                arguments("empty Principal object", resource, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {}, "Action": "*"}]}""",
                        "Principal must be \"*\" or an object"),
                arguments("duplicate Sid", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"},
                          {"Sid": "A", "Effect": "Deny", "Action": "*", "Resource": "*"}]}""",
                        "Statement IDs (SID) in a single policy must be unique"),
                arguments("identity policy Sid with spaces", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Sid": "Allow all", "Effect": "Allow", "Action": "*", "Resource": "*"}]}""",
                        "Statement IDs (SID) must be alpha-numeric"),
                arguments("Condition not an object", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": "true"}]}""",
                        "Condition must be an object of condition operators"),
                arguments("unknown condition operator", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"StringEqual": {"aws:username": "bob"}}}]}""", "Unknown condition operator \"StringEqual\""),
                arguments("unknown set qualifier", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"ForSomeValues:StringEquals": {"aws:TagKeys": "a"}}}]}""", "Unknown condition operator"),
                arguments("NullIfExists", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"NullIfExists": {"aws:username": "true"}}}]}""", "Unknown condition operator \"NullIfExists\""),
                arguments("condition operator without keys", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"StringEquals": {}}}]}""", "must map condition keys to values"),
                arguments("condition key without vendor", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"StringEquals": {"username": "bob"}}}]}""", "Actions/Conditions must be prefaced by a vendor"),
                arguments("condition without values", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"StringEquals": {"aws:username": []}}}]}""", "has no values"),
                arguments("condition value an object", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"StringEquals": {"aws:username": {"a": 1}}}}]}""", "Condition values must be strings, numbers or booleans"),
                arguments("numeric condition on a word", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"NumericLessThan": {"s3:max-keys": "ten"}}}]}""", "not a number: ten"),
                arguments("date condition on a word", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"DateLessThan": {"aws:CurrentTime": "tomorrow"}}}]}""", "not a date: tomorrow"),
                arguments("Bool on a word", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"Bool": {"aws:SecureTransport": "yes"}}}]}""", "not true or false: yes"),
                arguments("Null on a word", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"Null": {"aws:TokenIssueTime": "maybe"}}}]}""", "not true or false: maybe"),
                arguments("bad CIDR", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}}]}""", "not an IP address or CIDR block: 10.0.0.0/33"),
                arguments("host name as an IP address", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"IpAddress": {"aws:SourceIp": "example.com"}}}]}""", "not an IP address or CIDR block: example.com"),
                arguments("bad base64", identity, """
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                          "Condition": {"BinaryEquals": {"test:b": "@@@"}}}]}""", "not base64: @@@"));
    }

    @Test
    void sizeIgnoresWhiteSpaceOutsideStrings()
    {
        assertThat(PolicyDocument.size("{ \"a b\" : [ 1 , 2 ] }")).isEqualTo("{\"a b\":[1,2]}".length());
        assertThat(PolicyDocument.size("{\"a\\\" b\": \"x\"}")).isEqualTo("{\"a\\\" b\":\"x\"}".length());
        assertThat(PolicyDocument.size("\n\t")).isZero();
    }

    @Test
    void sizeCheckAnswersLimitExceeded()
    {
        PolicyDocument.checkSize(ALLOW_ALL, PolicySizeLimits.MANAGED_POLICY);
        String large = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:" + "x".repeat(PolicySizeLimits.USER_INLINE_POLICIES) + "\", \"Resource\": \"*\"}}";
        assertThatThrownBy(() -> PolicyDocument.checkSize(large, PolicySizeLimits.USER_INLINE_POLICIES))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("LimitExceeded");
                    assertThat(e.httpStatus()).isEqualTo(409);
                })
                .hasMessage("Cannot exceed quota for PolicySize: 2048");
    }
}
