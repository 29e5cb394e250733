package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/** One {@code Tag}; either field is null when the element was missing from a request. */
public record Tag(
        @JacksonXmlProperty(localName = "Key") String key,
        @JacksonXmlProperty(localName = "Value") String value) {}
