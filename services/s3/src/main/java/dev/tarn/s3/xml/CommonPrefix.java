package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

import static java.util.Objects.requireNonNull;

/** One {@code CommonPrefixes} entry of a listing with a delimiter. */
public record CommonPrefix(@JacksonXmlProperty(localName = "Prefix") String prefix)
{
    public CommonPrefix
    {
        requireNonNull(prefix, "prefix is null");
    }
}
