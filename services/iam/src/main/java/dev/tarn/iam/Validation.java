package dev.tarn.iam;

import dev.tarn.iam.store.Tag;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** IAM's constraints on names, paths and tags, with its validation messages. */
final class Validation
{
    private Validation() {}

    static String name(String member, String value, int maxLength)
    {
        if (value == null || value.isEmpty()) {
            throw IamErrors.VALIDATION_ERROR.exception("1 validation error detected: Value at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        if (value.length() > maxLength || !value.chars().allMatch(Validation::nameCharacter)) {
            throw IamErrors.VALIDATION_ERROR.exception("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length less than or equal to " + maxLength);
        }
        return value;
    }

    static dev.tarn.spi.error.AwsException error(String member, String constraint)
    {
        return IamErrors.VALIDATION_ERROR.exception("1 validation error detected: Value at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    static String required(String member, String value)
    {
        if (value == null || value.isEmpty()) {
            throw IamErrors.VALIDATION_ERROR.exception("1 validation error detected: Value at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static boolean nameCharacter(int c)
    {
        return Character.isLetterOrDigit(c) && c < 128 || "_+=,.@-".indexOf(c) >= 0;
    }

    static String path(Optional<String> path)
    {
        String value = path.orElse("/");
        if (value.length() > 512 || !value.startsWith("/") || !value.endsWith("/") || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw IamErrors.VALIDATION_ERROR.exception("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.");
        }
        return value;
    }

    static List<Tag> tags(List<Tag> tags)
    {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > 50) {
            throw IamErrors.LIMIT_EXCEEDED.exception("The number of tags has reached the maximum limit.");
        }
        Set<String> keys = new HashSet<>();
        for (Tag tag : tags) {
            if (tag.key().isEmpty() || tag.key().length() > 128 || tag.value().length() > 256) {
                throw IamErrors.VALIDATION_ERROR.exception("1 validation error detected: Value '" + tag.key() + "' at 'tags' failed to satisfy constraint: tag keys are 1 to 128 characters and values at most 256");
            }
            if (!keys.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw IamErrors.INVALID_INPUT.exception("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
        return List.copyOf(tags);
    }

    static boolean underPath(String path, Optional<String> prefix)
    {
        return prefix.map(path::startsWith).orElse(true);
    }
}
