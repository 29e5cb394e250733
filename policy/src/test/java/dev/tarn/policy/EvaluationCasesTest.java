package dev.tarn.policy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluator against the cases in {@code evaluation-cases/*.json}: each case names a
 * principal and its policies, and a list of requests with the decision each must get, the Sids of
 * the statements that decided it, and the kind of policy that denied it.
 */
class EvaluationCasesTest
{
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    @TestFactory
    List<DynamicNode> evaluationCases()
    {
        List<DynamicNode> files = new ArrayList<>();
        for (Path file : TestCases.files("evaluation-cases")) {
            JsonNode root = TestCases.read(file);
            List<DynamicNode> cases = new ArrayList<>();
            for (JsonNode testCase : root.path("cases")) {
                List<DynamicNode> requests = new ArrayList<>();
                for (JsonNode request : testCase.path("requests")) {
                    String name = request.path("action").asText() + " " + request.path("resource").asText("*")
                            + request.path("note").asText("").transform(note -> note.isEmpty() ? "" : " (" + note + ")")
                            + " -> " + request.path("expect").asText();
                    requests.add(DynamicTest.dynamicTest(name, () -> check(testCase, request)));
                }
                cases.add(DynamicContainer.dynamicContainer(testCase.path("name").asText(), requests));
            }
            files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), cases));
        }
        assertThat(files).isNotEmpty();
        return files;
    }

    private void check(JsonNode testCase, JsonNode requestNode)
    {
        RequestPrincipal principal = TestCases.principal(requestNode.has("principal") ? requestNode.get("principal") : testCase.path("principal"));
        ApplicablePolicies policies = TestCases.policies(testCase);
        EvaluationRequest request = TestCases.request(principal, requestNode);

        EvaluationResult result = evaluator.evaluate(request, policies);

        assertThat(result.decision().wireName()).as("decision").isEqualTo(requestNode.path("expect").asText());
        if (requestNode.has("matchedSids")) {
            assertThat(result.matchedStatements())
                    .extracting(matched -> matched.statement().sid().orElse(""))
                    .as("matched statements")
                    .containsExactlyInAnyOrderElementsOf(TestCases.values(requestNode.get("matchedSids")));
        }
        if (requestNode.has("deniedBy")) {
            assertThat(result.deniedBy()).as("denied by").hasValueSatisfying(
                    category -> assertThat(category.noun()).isEqualTo(requestNode.get("deniedBy").asText()));
        }
    }
}
