package dev.tarn.policy;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyEvaluatorTest
{
    private static final String ACCOUNT = "111122223333";
    private static final RequestPrincipal BOB = RequestPrincipal.user(ACCOUNT, "arn:aws:iam::111122223333:user/bob", "AIDABOB", Map.of("team", "blue"));

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    @Test
    void allowReportsTheStatementsAndWhereTheyAre()
    {
        AttachedPolicy policy = identity("arn:aws:iam::111122223333:policy/read", """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Sid": "Read", "Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}
                  ]
                }""");
        EvaluationResult result = evaluator.evaluate(request(BOB, "s3:GetObject", "arn:aws:s3:::b/k"), policies(policy));

        assertThat(result.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(result.deniedBy()).isEmpty();
        assertThat(result.matchedStatements()).singleElement().satisfies(matched -> {
            assertThat(matched.policy().id()).isEqualTo("arn:aws:iam::111122223333:policy/read");
            assertThat(matched.policy().source().wireName()).isEqualTo("user-managed");
            assertThat(matched.category()).isEqualTo(PolicyCategory.IDENTITY_BASED);
            assertThat(matched.statement().sid()).contains("Read");
            assertThat(matched.statement().start()).isEqualTo(new SourcePosition(4, 5));
            assertThat(matched.statement().end()).isEqualTo(new SourcePosition(4, 77));
        });
    }

    @Test
    void accessDeniedMessagesSayWhy()
    {
        EvaluationRequest request = request(BOB, "s3:GetObject", "arn:aws:s3:::b/k");

        EvaluationResult implicit = evaluator.evaluate(request, ApplicablePolicies.NONE);
        assertThat(implicit.accessDeniedMessage(request)).isEqualTo(
                "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k"
                        + " because no identity-based policy allows the s3:GetObject action");

        AttachedPolicy deny = identity("deny", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}}""");
        EvaluationResult explicit = evaluator.evaluate(request, policies(deny));
        assertThat(explicit.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(explicit.accessDeniedMessage(request)).endsWith("on resource: arn:aws:s3:::b/k with an explicit deny in an identity-based policy");

        AttachedPolicy allow = identity("allow", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}""");
        AttachedPolicy boundary = identity("boundary", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}}""");
        EvaluationResult bounded = evaluator.evaluate(request, ApplicablePolicies.builder().identityPolicy(allow).permissionsBoundary(boundary).build());
        assertThat(bounded.accessDeniedMessage(request)).endsWith("because no permissions boundary allows the s3:GetObject action");
    }

    @Test
    void authorizeThrowsAccessDenied()
    {
        EvaluationRequest request = request(RequestPrincipal.anonymous(), "s3:GetObject", "arn:aws:s3:::b/k");
        assertThatThrownBy(() -> evaluator.authorize(request, ApplicablePolicies.NONE))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    assertThat(e.httpStatus()).isEqualTo(403);
                })
                .hasMessage("User: anonymous is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k"
                        + " because no resource-based policy allows the s3:GetObject action");
    }

    @Test
    void requestFromAServiceCheck()
    {
        Caller caller = new Caller(ACCOUNT, "arn:aws:sts::111122223333:assumed-role/app/i-0abc", "AROAAPP:i-0abc", Optional.of("ASIAEXAMPLE"), false);
        RequestContext context = new RequestContext("req-1", caller, "eu-west-1", "203.0.113.9", true, Instant.parse("2024-05-01T10:15:30.250Z"));
        AuthorizationRequest check = new AuthorizationRequest("s3:ListBucket", "arn:aws:s3:::b", Optional.of(ACCOUNT), Map.of("s3:prefix", List.of("logs/")));

        EvaluationRequest request = EvaluationRequest.from(context, check, RequestPrincipal.fromCaller(caller));

        assertThat(request.principal().type()).isEqualTo(PrincipalType.ROLE_SESSION);
        assertThat(request.principal().parentArn()).contains("arn:aws:iam::111122223333:role/app");
        assertThat(request.resourceAccountId()).contains(ACCOUNT);
        assertThat(request.contextKeys()).containsAllEntriesOf(Map.of(
                "aws:sourceip", List.of("203.0.113.9"),
                "aws:securetransport", List.of("true"),
                "aws:currenttime", List.of("2024-05-01T10:15:30Z"),
                "aws:epochtime", List.of("1714558530"),
                "aws:requestedregion", List.of("eu-west-1"),
                "aws:principalarn", List.of("arn:aws:iam::111122223333:role/app"),
                "aws:principalaccount", List.of(ACCOUNT),
                "aws:principaltype", List.of("AssumedRole"),
                "aws:userid", List.of("AROAAPP:i-0abc"),
                "s3:prefix", List.of("logs/")));
        assertThat(request.contextKeys()).doesNotContainKey("aws:username");
    }

    @Test
    void principalsFromCallers()
    {
        assertThat(RequestPrincipal.fromCaller(Caller.root(ACCOUNT, "AKIAROOT"))).isEqualTo(RequestPrincipal.root(ACCOUNT));
        RequestPrincipal user = RequestPrincipal.fromCaller(new Caller(ACCOUNT, "arn:aws:iam::111122223333:user/ops/bob", "AIDABOB", Optional.empty(), false));
        assertThat(user.type()).isEqualTo(PrincipalType.USER);
        assertThat(user.userName()).contains("bob");
        RequestPrincipal federated = RequestPrincipal.fromCaller(new Caller(ACCOUNT, "arn:aws:sts::111122223333:federated-user/carol", "111122223333:carol",
                Optional.empty(), false));
        assertThat(federated.type()).isEqualTo(PrincipalType.FEDERATED_USER);
        assertThat(federated.parentArn()).contains("arn:aws:iam::111122223333:user/carol");
    }

    @Test
    void principalKeys()
    {
        EvaluationRequest request = request(BOB, "s3:GetObject", "arn:aws:s3:::b/k");
        assertThat(request.contextKeys()).containsAllEntriesOf(Map.of(
                "aws:username", List.of("bob"),
                "aws:userid", List.of("AIDABOB"),
                "aws:principalarn", List.of("arn:aws:iam::111122223333:user/bob"),
                "aws:principaltype", List.of("User"),
                "aws:principaltag/team", List.of("blue")));
        assertThat(request(RequestPrincipal.root(ACCOUNT), "s3:GetObject", "*").contextKeys())
                .containsEntry("aws:principaltype", List.of("Account"))
                .containsEntry("aws:userid", List.of(ACCOUNT));
        assertThat(request(RequestPrincipal.anonymous(), "s3:GetObject", "*").contextKeys())
                .containsOnlyKeys("aws:principaltype");
    }

    @Test
    void explicitContextKeysOverrideDerivedOnes()
    {
        EvaluationRequest request = EvaluationRequest.builder(BOB, "s3:GetObject", "*")
                .sourceIp("10.0.0.1")
                .contextKey("AWS:SourceIp", "192.0.2.1")
                .contextKey("test:empty", List.of())
                .build();
        assertThat(request.contextKeys()).containsEntry("aws:sourceip", List.of("192.0.2.1")).doesNotContainKey("test:empty");
    }

    @Test
    void policiesMustBeOfTheirKind()
    {
        AttachedPolicy resourcePolicy = new AttachedPolicy("bucket", PolicySource.RESOURCE, PolicyDocument.parse("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}}"""));
        assertThatThrownBy(() -> ApplicablePolicies.builder().identityPolicy(resourcePolicy).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("can't be used as identity-based policy");
        AttachedPolicy identityPolicy = identity("p", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}""");
        assertThatThrownBy(() -> ApplicablePolicies.builder().resourcePolicy(identityPolicy).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evaluationDoesNotDependOnPriorRequests()
    {
        AttachedPolicy policy = identity("home", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::home/${aws:username}/*"}}""");
        RequestPrincipal alice = RequestPrincipal.user(ACCOUNT, "arn:aws:iam::111122223333:user/alice", "AIDAALICE", Map.of());
        ApplicablePolicies policies = policies(policy);
        assertThat(evaluator.evaluate(request(BOB, "s3:GetObject", "arn:aws:s3:::home/bob/x"), policies).isAllowed()).isTrue();
        assertThat(evaluator.evaluate(request(alice, "s3:GetObject", "arn:aws:s3:::home/bob/x"), policies).isAllowed()).isFalse();
        assertThat(evaluator.evaluate(request(alice, "s3:GetObject", "arn:aws:s3:::home/alice/x"), policies).isAllowed()).isTrue();
    }

    private static EvaluationRequest request(RequestPrincipal principal, String action, String resource)
    {
        return EvaluationRequest.builder(principal, action, resource).resourceAccountId(ACCOUNT).build();
    }

    private static AttachedPolicy identity(String id, String json)
    {
        return new AttachedPolicy(id, PolicySource.USER_MANAGED, PolicyDocument.parse(json, PolicyType.IDENTITY));
    }

    private static ApplicablePolicies policies(AttachedPolicy... identityPolicies)
    {
        return ApplicablePolicies.builder().identityPolicies(List.of(identityPolicies)).build();
    }
}
