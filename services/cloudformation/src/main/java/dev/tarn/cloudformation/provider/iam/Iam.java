package dev.tarn.cloudformation.provider.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.provider.ResourceRequest;
import dev.tarn.cloudformation.provider.ServiceClient;
import dev.tarn.cloudformation.provider.Xml;
import dev.tarn.spi.error.AwsException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** IAM's query API as the IAM providers use it. */
final class Iam
{
    private Iam() {}

    static String call(ResourceRequest request, String action, Map<String, String> parameters)
    {
        return request.client().query("iam", action, parameters);
    }

    /** Like {@link #call}, but a missing entity (already deleted) is not an error. */
    static void callIgnoringMissing(ResourceRequest request, String action, Map<String, String> parameters)
    {
        try {
            call(request, action, parameters);
        }
        catch (AwsException e) {
            if (!e.code().equals("NoSuchEntity") && !ServiceClient.isNotFound(e)) {
                throw e;
            }
        }
    }

    static String required(ResourceRequest request, String property)
    {
        return request.text(property).orElseThrow(() -> CloudFormationErrors.validation("Property validation failure: [" + property + " is required]"));
    }

    /** A policy document property as IAM takes it: JSON text. */
    static String document(JsonNode document)
    {
        return document.isTextual() ? document.asText() : document.toString();
    }

    static String element(String xml, String name)
    {
        return Xml.first(xml, name).orElseThrow(() -> new IllegalStateException("IAM answered without " + name));
    }

    static Set<String> strings(JsonNode list)
    {
        Set<String> values = new LinkedHashSet<>();
        if (list != null) {
            list.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    /** Inline policies (the Policies property) by name to document. */
    static Map<String, String> inlinePolicies(JsonNode policies)
    {
        Map<String, String> byName = new LinkedHashMap<>();
        if (policies != null) {
            for (JsonNode policy : policies) {
                String name = policy.path("PolicyName").asText();
                if (name.isEmpty() || !policy.has("PolicyDocument")) {
                    throw CloudFormationErrors.validation("Property validation failure: [each of Policies needs a PolicyName and a PolicyDocument]");
                }
                byName.put(name, document(policy.get("PolicyDocument")));
            }
        }
        return byName;
    }

    static void putTags(Map<String, String> parameters, JsonNode tags)
    {
        if (tags == null) {
            return;
        }
        int index = 1;
        for (JsonNode tag : tags) {
            parameters.put("Tags.member." + index + ".Key", tag.path("Key").asText());
            parameters.put("Tags.member." + index + ".Value", tag.path("Value").asText(""));
            index++;
        }
    }

    static <T> List<T> minus(Set<T> a, Set<T> b)
    {
        List<T> result = new ArrayList<>(a);
        result.removeAll(b);
        return result;
    }
}
