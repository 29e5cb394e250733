package dev.tarn.s3.post;

import dev.tarn.spi.error.CommonErrors;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds a form to its POST policy, in S3's order: expiration, then each condition as written,
 * then that every field is named by a condition. What the file's size must be is returned, since
 * only reading the file can tell.
 */
final class PolicyCheck
{
    private PolicyCheck() {}

    /** Fields no condition needs to name: the signature, the policy itself, the file and anything the form marks x-ignore-. */
    static boolean exempt(String normalizedName)
    {
        return normalizedName.equals("x-amz-signature") || normalizedName.equals("policy") || normalizedName.equals("file")
                || normalizedName.startsWith("x-ignore-");
    }

    static SizeRange check(PostPolicy policy, List<FormField> fields, String bucket, Instant now)
    {
        if (!now.isBefore(policy.expiration())) {
            throw CommonErrors.ACCESS_DENIED.exception("Invalid according to Policy: Policy expired.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (FormField field : fields) {
            values.putIfAbsent(field.normalizedName(), field.value());
        }
        // the bucket is the one the form is posted to
        values.put("bucket", bucket);

        Set<String> named = new HashSet<>();
        SizeRange size = SizeRange.ANY;
        for (PostCondition condition : policy.conditions()) {
            if (condition instanceof PostCondition.Equals equals) {
                equals.field().ifPresent(named::add);
                if (!equals.holds(values)) {
                    throw PostErrors.conditionFailed(equals.text());
                }
            }
            else if (condition instanceof PostCondition.StartsWith startsWith) {
                startsWith.field().ifPresent(named::add);
                if (!startsWith.holds(values)) {
                    throw PostErrors.conditionFailed(startsWith.text());
                }
            }
            else if (condition instanceof PostCondition.ContentLengthRange range) {
                if (!range.readable()) {
                    throw PostErrors.conditionFailed(range.text());
                }
                size = size.narrowedTo(range.minimum().orElseThrow(), range.maximum().orElseThrow());
            }
        }
        for (FormField field : fields) {
            if (!exempt(field.normalizedName()) && !named.contains(field.normalizedName())) {
                throw CommonErrors.ACCESS_DENIED.exception("Invalid according to Policy: Extra input fields: " + field.name());
            }
        }
        return size;
    }
}
