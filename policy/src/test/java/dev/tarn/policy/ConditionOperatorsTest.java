package dev.tarn.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every condition operator against the cases in {@code condition-cases.json}: a condition block
 * and request contexts for which it must hold or not. Each block is put in an Allow statement
 * that otherwise matches, so "holds" means the request is allowed.
 */
class ConditionOperatorsTest
{
    private static final RequestPrincipal USER = RequestPrincipal.user(TestCases.ACCOUNT, "arn:aws:iam::111122223333:user/bob", "AIDAEXAMPLEBOB", Map.of());

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    @TestFactory
    List<DynamicNode> conditionCases()
    {
        List<DynamicNode> cases = new ArrayList<>();
        for (JsonNode testCase : TestCases.resource("condition-cases.json").path("cases")) {
            ApplicablePolicies policies = policyWith(testCase.get("condition"));
            List<DynamicNode> checks = new ArrayList<>();
            for (JsonNode check : testCase.path("checks")) {
                checks.add(DynamicTest.dynamicTest(check.get("context") + " -> " + check.get("holds"), () -> {
                    EvaluationRequest.Builder request = EvaluationRequest.builder(USER, "test:Act", "arn:aws:test:::thing");
                    check.get("context").fields().forEachRemaining(field -> request.contextKey(field.getKey(), TestCases.values(field.getValue())));
                    Decision decision = evaluator.evaluate(request.build(), policies).decision();
                    assertThat(decision).isEqualTo(check.get("holds").asBoolean() ? Decision.ALLOWED : Decision.IMPLICIT_DENY);
                }));
            }
            cases.add(DynamicContainer.dynamicContainer(testCase.get("name").asText(), checks));
        }
        return cases;
    }

    @Test
    void everyOperatorHasCases()
    {
        Set<ConditionOperator> covered = EnumSet.noneOf(ConditionOperator.class);
        for (JsonNode testCase : TestCases.resource("condition-cases.json").path("cases")) {
            testCase.get("condition").fieldNames().forEachRemaining(name -> {
                String base = name.replaceFirst("(?i)^for(all|any)values?:", "").replaceFirst("(?i)ifexists$", "");
                covered.add(ConditionOperator.fromName(base).orElseThrow());
            });
        }
        assertThat(covered).containsExactlyInAnyOrder(ConditionOperator.values());
    }

    private static ApplicablePolicies policyWith(JsonNode condition)
    {
        ObjectNode statement = TestCases.JSON.createObjectNode();
        statement.put("Effect", "Allow");
        statement.put("Action", "test:*");
        statement.put("Resource", "*");
        statement.set("Condition", condition);
        ObjectNode document = TestCases.JSON.createObjectNode();
        document.put("Version", "2012-10-17");
        document.set("Statement", statement);
        PolicyDocument policy = PolicyDocument.parse(document.toString(), PolicyType.IDENTITY);
        return ApplicablePolicies.builder().identityPolicy(new AttachedPolicy("test", PolicySource.USER, policy)).build();
    }
}
