package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dev.tarn.s3.S3Xml;

import java.util.List;

/**
 * An object's tag set, as PutObjectTagging takes it and GetObjectTagging returns it. TagSet is a
 * record of its own: Jackson cannot bind a renamed list wrapper to a record component.
 */
@JacksonXmlRootElement(localName = "Tagging", namespace = S3Xml.NAMESPACE)
public record ObjectTagging(@JacksonXmlProperty(localName = "TagSet") TagSet tagSet)
{
    public ObjectTagging
    {
        tagSet = tagSet == null ? new TagSet(List.of()) : tagSet;
    }

    public static ObjectTagging of(List<Tag> tags)
    {
        return new ObjectTagging(new TagSet(tags));
    }

    public List<Tag> tags()
    {
        return tagSet.tags();
    }

    public record TagSet(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Tag") List<Tag> tags)
    {
        public TagSet
        {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    public record Tag(
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "Value") String value) {}
}
