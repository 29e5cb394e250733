package dev.tarn.kms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation and merging of key tags, under AWS's rules. */
final class Tags
{
    static final int MAX_TAGS = 50;

    private Tags() {}

    static void validate(List<Tag> tags)
    {
        for (Tag tag : tags) {
            if (tag.tagKey().isEmpty() || tag.tagKey().length() > 128) {
                throw KmsErrors.TAG.exception("Tag keys must be between 1 and 128 characters");
            }
            if (tag.tagValue().length() > 256) {
                throw KmsErrors.TAG.exception("Tag values must be at most 256 characters");
            }
            if (tag.tagKey().startsWith("aws:")) {
                throw KmsErrors.TAG.exception("Tags beginning with aws: are reserved");
            }
        }
    }

    /** {@code existing} with {@code added} set (a tag of the same key is replaced). */
    static List<Tag> merge(List<Tag> existing, List<Tag> added)
    {
        validate(added);
        Map<String, String> merged = new LinkedHashMap<>();
        existing.forEach(tag -> merged.put(tag.tagKey(), tag.tagValue()));
        added.forEach(tag -> merged.put(tag.tagKey(), tag.tagValue()));
        if (merged.size() > MAX_TAGS) {
            throw KmsErrors.LIMIT_EXCEEDED.exception("A KMS key can have at most " + MAX_TAGS + " tags");
        }
        return merged.entrySet().stream().map(entry -> new Tag(entry.getKey(), entry.getValue())).toList();
    }
}
