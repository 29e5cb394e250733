package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.List;
import java.util.Optional;

/** The body of DeleteObjects: {@code <Delete><Object><Key/><VersionId/></Object>...<Quiet/></Delete>}. */
@JacksonXmlRootElement(localName = "Delete")
public record ObjectDeleteRequest(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Object") List<Entry> objects,
        @JacksonXmlProperty(localName = "Quiet") Optional<Boolean> quiet)
{
    public ObjectDeleteRequest
    {
        objects = objects == null ? List.of() : List.copyOf(objects);
        quiet = quiet == null ? Optional.empty() : quiet;
    }

    public record Entry(
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "VersionId") Optional<String> versionId)
    {
        public Entry
        {
            versionId = versionId == null ? Optional.empty() : versionId;
        }
    }
}
