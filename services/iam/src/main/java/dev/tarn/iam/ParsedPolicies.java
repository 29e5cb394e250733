package dev.tarn.iam;

import dev.tarn.policy.PolicyDocument;
import dev.tarn.policy.PolicyType;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Policy documents parsed once: a document's text determines its compiled form, so the cache
 * never goes stale; it is emptied when it grows past a bound.
 */
final class ParsedPolicies
{
    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, PolicyDocument> identity = new ConcurrentHashMap<>();
    private final Map<String, PolicyDocument> resource = new ConcurrentHashMap<>();

    PolicyDocument identity(String json)
    {
        return parse(identity, json, PolicyType.IDENTITY);
    }

    PolicyDocument resource(String json)
    {
        return parse(resource, json, PolicyType.RESOURCE);
    }

    private static PolicyDocument parse(Map<String, PolicyDocument> cache, String json, PolicyType type)
    {
        PolicyDocument document = cache.get(json);
        if (document == null) {
            document = PolicyDocument.parse(json, type);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(json, document);
        }
        return document;
    }
}
