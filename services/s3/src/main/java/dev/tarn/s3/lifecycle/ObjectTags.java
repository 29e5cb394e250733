package dev.tarn.s3.lifecycle;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.object.TagSet;
import dev.tarn.storage.meta.ObjectVersion;

import java.util.HashMap;
import java.util.Map;

/** A version's tags as a map, for matching rule filters. */
final class ObjectTags
{
    private ObjectTags() {}

    static Map<String, String> of(ObjectVersion version)
    {
        Map<String, String> tags = new HashMap<>();
        version.attribute(ObjectAttributes.TAGGING).map(TagSet::decode)
                .ifPresent(set -> set.tags().forEach(tag -> tags.put(tag.key(), tag.value())));
        return tags;
    }
}
