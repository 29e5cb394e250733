package dev.tarn.policy;

import dev.tarn.spi.error.AwsErrorCode;

/**
 * IAM's errors about policy documents, as the IAM API reference defines them (the shapes
 * MalformedPolicyDocumentException and LimitExceededException).
 */
public final class PolicyErrors
{
    public static final AwsErrorCode MALFORMED_POLICY_DOCUMENT = new AwsErrorCode("MalformedPolicyDocument", 400,
            "Syntax errors in policy.");
    public static final AwsErrorCode LIMIT_EXCEEDED = new AwsErrorCode("LimitExceeded", 409,
            "Cannot exceed quota for PolicySize.");

    private PolicyErrors() {}
}
