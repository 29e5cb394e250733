package dev.tarn.s3.lifecycle;

import java.util.Map;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Which objects a rule applies to: keys starting with a prefix, carrying all the given tags,
 * and with a size strictly between the bounds (each optional). The empty filter matches all.
 */
public record RuleFilter(String prefix, Map<String, String> tags, OptionalLong sizeGreaterThan, OptionalLong sizeLessThan)
{
    public static final RuleFilter ALL = new RuleFilter("", Map.of(), OptionalLong.empty(), OptionalLong.empty());

    public RuleFilter
    {
        requireNonNull(prefix, "prefix is null");
        tags = Map.copyOf(tags);
        requireNonNull(sizeGreaterThan, "sizeGreaterThan is null");
        requireNonNull(sizeLessThan, "sizeLessThan is null");
    }

    public boolean matches(String key, Map<String, String> objectTags, long size)
    {
        return key.startsWith(prefix)
                && tags.entrySet().stream().allMatch(tag -> tag.getValue().equals(objectTags.get(tag.getKey())))
                && (sizeGreaterThan.isEmpty() || size > sizeGreaterThan.getAsLong())
                && (sizeLessThan.isEmpty() || size < sizeLessThan.getAsLong());
    }

    /** For delete markers and multipart uploads, which have neither tags nor a size: only a key-only filter applies. */
    public boolean matchesKeyOnly(String key)
    {
        return key.startsWith(prefix) && tags.isEmpty() && sizeGreaterThan.isEmpty() && sizeLessThan.isEmpty();
    }
}
