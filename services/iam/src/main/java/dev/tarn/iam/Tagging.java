package dev.tarn.iam;

import dev.tarn.iam.store.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tag sets: keys are unique without regard to case; a new value replaces the old. */
final class Tagging
{
    private Tagging() {}

    static List<Tag> merge(List<Tag> existing, List<Tag> added)
    {
        List<Tag> merged = new ArrayList<>(existing);
        for (Tag tag : added) {
            merged.removeIf(old -> old.key().equalsIgnoreCase(tag.key()));
            merged.add(tag);
        }
        return Validation.tags(merged);
    }

    static List<Tag> remove(List<Tag> existing, List<String> keys)
    {
        List<String> lower = keys == null ? List.of() : keys.stream().map(key -> key.toLowerCase(Locale.ROOT)).toList();
        return existing.stream().filter(tag -> !lower.contains(tag.key().toLowerCase(Locale.ROOT))).toList();
    }
}
