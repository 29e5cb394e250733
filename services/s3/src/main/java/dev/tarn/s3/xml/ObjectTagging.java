package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dev.tarn.s3.S3Xml;

import java.util.List;

/** An object's tag set, as PutObjectTagging takes it and GetObjectTagging returns it. */
@JacksonXmlRootElement(localName = "Tagging", namespace = S3Xml.NAMESPACE)
public record ObjectTagging(
        @JacksonXmlElementWrapper(localName = "TagSet", namespace = S3Xml.NAMESPACE) @JacksonXmlProperty(localName = "Tag") List<Tag> tagSet)
{
    public ObjectTagging
    {
        tagSet = tagSet == null ? List.of() : List.copyOf(tagSet);
    }

    public record Tag(
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "Value") String value) {}
}
