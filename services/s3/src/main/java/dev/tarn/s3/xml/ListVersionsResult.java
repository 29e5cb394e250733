package dev.tarn.s3.xml;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * ListObjectVersions' answer. Written by its own serializer because S3 interleaves
 * {@code Version} and {@code DeleteMarker} elements in listing order, which a record's fixed
 * properties cannot express.
 */
@JacksonXmlRootElement(localName = "ListVersionsResult")
@JsonSerialize(using = ListVersionsResult.Serializer.class)
public record ListVersionsResult(
        String name,
        String prefix,
        String keyMarker,
        String versionIdMarker,
        Optional<String> nextKeyMarker,
        Optional<String> nextVersionIdMarker,
        int maxKeys,
        Optional<String> delimiter,
        boolean truncated,
        Optional<String> encodingType,
        List<VersionListEntry> entries,
        List<CommonPrefix> commonPrefixes)
{
    public ListVersionsResult
    {
        entries = List.copyOf(entries);
        commonPrefixes = List.copyOf(commonPrefixes);
    }

    static final class Serializer
            extends JsonSerializer<ListVersionsResult>
    {
        @Override
        public void serialize(ListVersionsResult result, JsonGenerator generator, SerializerProvider provider)
                throws IOException
        {
            generator.writeStartObject();
            generator.writeStringField("Name", result.name());
            generator.writeStringField("Prefix", result.prefix());
            generator.writeStringField("KeyMarker", result.keyMarker());
            generator.writeStringField("VersionIdMarker", result.versionIdMarker());
            writeIfPresent(generator, "NextKeyMarker", result.nextKeyMarker());
            writeIfPresent(generator, "NextVersionIdMarker", result.nextVersionIdMarker());
            generator.writeNumberField("MaxKeys", result.maxKeys());
            writeIfPresent(generator, "Delimiter", result.delimiter());
            generator.writeBooleanField("IsTruncated", result.truncated());
            writeIfPresent(generator, "EncodingType", result.encodingType());
            for (VersionListEntry entry : result.entries()) {
                generator.writeFieldName(entry.elementName());
                provider.defaultSerializeValue(entry, generator);
            }
            for (CommonPrefix prefix : result.commonPrefixes()) {
                generator.writeFieldName("CommonPrefixes");
                provider.defaultSerializeValue(prefix, generator);
            }
            generator.writeEndObject();
        }

        private static void writeIfPresent(JsonGenerator generator, String name, Optional<String> value)
                throws IOException
        {
            if (value.isPresent()) {
                generator.writeStringField(name, value.get());
            }
        }
    }
}
