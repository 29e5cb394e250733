package dev.tarn.iam;

import dev.tarn.policy.PolicyDocument;
import dev.tarn.policy.PolicySizeLimits;
import dev.tarn.policy.PolicyType;

import java.util.Collection;

/** Validation of the policy documents IAM stores, with the engine's parser and IAM's size quotas. */
final class PolicyDocuments
{
    private PolicyDocuments() {}

    static String managed(String document)
    {
        Validation.required("policyDocument", document);
        PolicyDocument.checkSize(document, PolicySizeLimits.MANAGED_POLICY);
        PolicyDocument.parse(document, PolicyType.IDENTITY);
        return document;
    }

    /** An inline policy; the quota is on the sum of the principal's inline policies. */
    static String inline(String document, Collection<String> others, int limit)
    {
        Validation.required("policyDocument", document);
        PolicyDocument.parse(document, PolicyType.IDENTITY);
        int total = PolicyDocument.size(document) + others.stream().mapToInt(PolicyDocument::size).sum();
        if (total > limit) {
            throw IamErrors.LIMIT_EXCEEDED.exception("Maximum policy size of " + limit + " bytes exceeded for " + "inline policies");
        }
        return document;
    }

    static String trust(String document)
    {
        Validation.required("assumeRolePolicyDocument", document);
        PolicyDocument.checkSize(document, PolicySizeLimits.ROLE_TRUST_POLICY);
        PolicyDocument.parse(document, PolicyType.RESOURCE);
        return document;
    }
}
