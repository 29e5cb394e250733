package dev.tarn.s3.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.policy.PolicyDocument;
import dev.tarn.policy.PolicyType;
import dev.tarn.spi.error.AwsException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Checks a bucket policy as PutBucketPolicy does: the policy language's own rules (through the
 * policy engine), then S3's: at most 20 KB, every statement with a Principal, an Action and a
 * Resource, actions of S3 only, resources within this bucket. Every failure is MalformedPolicy
 * with the text S3 sends for it.
 */
public final class BucketPolicyValidator
{
    /** S3's limit on a bucket policy. */
    public static final int MAX_BYTES = 20 * 1024;

    private BucketPolicyValidator() {}

    public static void validate(String json, String bucket)
    {
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw malformed("Policies must be less than 20 KB");
        }
        JsonNode tree = PolicyJson.tree(json).orElseThrow(() -> malformed(SecurityErrors.MALFORMED_POLICY.defaultMessage()));
        try {
            PolicyDocument.parse(json, PolicyType.RESOURCE);
        }
        catch (AwsException e) {
            throw malformed(s3Message(e.getMessage()));
        }
        for (JsonNode statement : PolicyJson.statements(tree)) {
            if (!statement.has("Principal") && !statement.has("NotPrincipal")) {
                throw malformed("Missing required field Principal");
            }
            if (!statement.has("Action") && !statement.has("NotAction")) {
                throw malformed("Missing required field Action");
            }
            if (!statement.has("Resource") && !statement.has("NotResource")) {
                throw malformed("Missing required field Resource");
            }
            List<String> actions = PolicyJson.strings(statement.has("Action") ? statement.get("Action") : statement.get("NotAction"));
            if (!actions.stream().allMatch(action -> action.equals("*") || action.toLowerCase(Locale.ROOT).startsWith("s3:"))) {
                throw malformed("Policy has invalid action");
            }
            List<String> resources = PolicyJson.strings(statement.has("Resource") ? statement.get("Resource") : statement.get("NotResource"));
            if (!resources.stream().allMatch(resource -> inBucket(resource, bucket))) {
                throw malformed("Policy has invalid resource");
            }
        }
    }

    /** The bucket ARN itself, or one of its objects (a pattern that starts within the bucket). */
    private static boolean inBucket(String resource, String bucket)
    {
        String arn = "arn:aws:s3:::" + bucket;
        return resource.equals(arn) || resource.startsWith(arn + "/") || resource.equals(arn + "*");
    }

    /** The policy engine speaks IAM's messages; S3 has its own, shorter ones. */
    private static String s3Message(String iamMessage)
    {
        String message = iamMessage == null ? "" : iamMessage;
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("invalid json") || lower.contains("syntax errors") || lower.contains("duplicate")) {
            return SecurityErrors.MALFORMED_POLICY.defaultMessage();
        }
        if (lower.contains("missing required field principal")) {
            return "Missing required field Principal";
        }
        if (lower.contains("principal")) {
            return "Invalid principal in policy";
        }
        if (lower.contains("effect")) {
            return lower.contains("missing") ? "Missing required field Effect" : "Invalid effect: " + message;
        }
        if (lower.contains("must contain actions")) {
            return "Missing required field Action";
        }
        if (lower.contains("vendor") || lower.contains("action")) {
            return "Policy has invalid action";
        }
        if (lower.contains("resource")) {
            return "Policy has invalid resource";
        }
        if (lower.contains("condition")) {
            return "Policy has an invalid condition key";
        }
        if (lower.contains("version")) {
            return "Invalid policy version";
        }
        return "Invalid policy syntax.";
    }

    private static AwsException malformed(String message)
    {
        return SecurityErrors.MALFORMED_POLICY.exception(message);
    }
}
