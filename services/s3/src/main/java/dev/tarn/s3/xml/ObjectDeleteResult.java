package dev.tarn.s3.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dev.tarn.s3.S3Xml;

import java.util.List;
import java.util.Optional;

/** The answer of DeleteObjects: a {@code <Deleted>} per removed key (unless quiet) and an {@code <Error>} per failure. */
@JacksonXmlRootElement(localName = "DeleteResult", namespace = S3Xml.NAMESPACE)
@JsonPropertyOrder({"deleted", "errors"})
public record ObjectDeleteResult(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Deleted") List<Deleted> deleted,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Error") List<Failure> errors)
{
    public ObjectDeleteResult
    {
        deleted = List.copyOf(deleted);
        errors = List.copyOf(errors);
    }

    @JsonPropertyOrder({"key", "versionId", "deleteMarker", "deleteMarkerVersionId"})
    public record Deleted(
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "VersionId") Optional<String> versionId,
            @JacksonXmlProperty(localName = "DeleteMarker") Optional<Boolean> deleteMarker,
            @JacksonXmlProperty(localName = "DeleteMarkerVersionId") Optional<String> deleteMarkerVersionId) {}

    @JsonPropertyOrder({"key", "versionId", "code", "message"})
    public record Failure(
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "VersionId") Optional<String> versionId,
            @JacksonXmlProperty(localName = "Code") String code,
            @JacksonXmlProperty(localName = "Message") String message) {}
}
