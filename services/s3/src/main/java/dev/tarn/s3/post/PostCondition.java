package dev.tarn.s3.post;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One condition of a POST policy, with the text S3 quotes when it fails
 * ({@code ["eq", "$key", "uploads/a.txt"]}).
 */
sealed interface PostCondition
{
    /** How S3 prints the condition in "Policy Condition failed: ...". */
    String text();

    /** The field a condition names, lower-cased: {@code $key} names {@code key}; without the {@code $} it names none and never holds. */
    static Optional<String> fieldOf(String operand)
    {
        return operand.startsWith("$") ? Optional.of(operand.substring(1).toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /** {@code ["eq", "$field", "value"]} or {@code {"field": "value"}}: the field is present and equal, case included. */
    record Equals(Optional<String> field, String value, String text)
            implements PostCondition
    {
        public Equals
        {
            requireNonNull(field, "field is null");
            requireNonNull(value, "value is null");
            requireNonNull(text, "text is null");
        }

        boolean holds(Map<String, String> fields)
        {
            return field.map(fields::get).map(value::equals).orElse(false);
        }
    }

    /** {@code ["starts-with", "$field", "prefix"]}: the field is present and starts with the prefix ({@code ""}: any value). */
    record StartsWith(Optional<String> field, String prefix, String text)
            implements PostCondition
    {
        public StartsWith
        {
            requireNonNull(field, "field is null");
            requireNonNull(prefix, "prefix is null");
            requireNonNull(text, "text is null");
        }

        boolean holds(Map<String, String> fields)
        {
            return field.map(fields::get).map(actual -> actual.startsWith(prefix)).orElse(false);
        }
    }

    /** {@code ["content-length-range", min, max]}: the file's size, both bounds inclusive; empty bounds when S3 could not read them. */
    record ContentLengthRange(Optional<Long> minimum, Optional<Long> maximum, String text)
            implements PostCondition
    {
        public ContentLengthRange
        {
            requireNonNull(minimum, "minimum is null");
            requireNonNull(maximum, "maximum is null");
            requireNonNull(text, "text is null");
        }

        boolean readable()
        {
            return minimum.isPresent() && maximum.isPresent();
        }
    }
}
