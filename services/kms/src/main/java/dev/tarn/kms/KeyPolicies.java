package dev.tarn.kms;

import dev.tarn.policy.PolicyDocument;
import dev.tarn.policy.PolicyType;
import dev.tarn.spi.error.AwsException;

import java.nio.charset.StandardCharsets;

/** Key policies: the default one, and validation of those given. */
final class KeyPolicies
{
    static final String POLICY_NAME = "default";
    static final int MAX_BYTES = 32 * 1024;

    private KeyPolicies() {}

    /** The policy CreateKey gives a key when none is given, exactly as AWS writes it. */
    static String defaultPolicy(String accountId)
    {
        return """
                {
                  "Version" : "2012-10-17",
                  "Id" : "key-default-1",
                  "Statement" : [ {
                    "Sid" : "Enable IAM User Permissions",
                    "Effect" : "Allow",
                    "Principal" : {
                      "AWS" : "arn:aws:iam::%s:root"
                    },
                    "Action" : "kms:*",
                    "Resource" : "*"
                  } ]
                }""".formatted(accountId);
    }

    /** A policy to store: a valid resource-based policy of at most 32 KB. */
    static String validate(String policy)
    {
        if (policy.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw KmsErrors.LIMIT_EXCEEDED.exception("Policy exceeds the maximum size of " + MAX_BYTES + " bytes");
        }
        try {
            PolicyDocument.parse(policy, PolicyType.RESOURCE);
        }
        catch (AwsException e) {
            if (e.code().startsWith("MalformedPolicyDocument")) {
                throw KmsErrors.MALFORMED_POLICY_DOCUMENT.exception(e.getMessage());
            }
            throw e;
        }
        return policy;
    }

    static void requireDefaultName(java.util.Optional<String> policyName)
    {
        String name = policyName.orElse(POLICY_NAME);
        if (!name.equals(POLICY_NAME)) {
            throw KmsErrors.NOT_FOUND.exception("No such policy exists: " + name);
        }
    }
}
