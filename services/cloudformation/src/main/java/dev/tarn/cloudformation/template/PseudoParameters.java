package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Map;
import java.util.Set;

/** The AWS:: pseudo parameters of a stack. AWS::NoValue is handled by {@link Intrinsics} itself. */
public final class PseudoParameters
{
    public static final Set<String> NAMES = Set.of("AWS::StackId", "AWS::StackName", "AWS::Region", "AWS::AccountId", "AWS::Partition",
            "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs");

    private PseudoParameters() {}

    public static Map<String, JsonNode> of(String stackId, String stackName, String region, String accountId)
    {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Map.of(
                "AWS::StackId", nodes.textNode(stackId),
                "AWS::StackName", nodes.textNode(stackName),
                "AWS::Region", nodes.textNode(region),
                "AWS::AccountId", nodes.textNode(accountId),
                "AWS::Partition", nodes.textNode("aws"),
                "AWS::URLSuffix", nodes.textNode("amazonaws.com"),
                "AWS::NotificationARNs", nodes.arrayNode());
    }
}
