package dev.tarn.s3.cors;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.List;

/** Put/GetBucketCors's {@code CORSConfiguration} document as it is on the wire; lists are null when absent. */
@JacksonXmlRootElement(localName = "CORSConfiguration")
public record CorsDocument(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CORSRule") List<Rule> rules)
{
    @JsonPropertyOrder({"ID", "AllowedHeader", "AllowedMethod", "AllowedOrigin", "ExposeHeader", "MaxAgeSeconds"})
    public record Rule(
            @JacksonXmlProperty(localName = "ID") String id,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "AllowedHeader") List<String> allowedHeaders,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "AllowedMethod") List<String> allowedMethods,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "AllowedOrigin") List<String> allowedOrigins,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "ExposeHeader") List<String> exposeHeaders,
            @JacksonXmlProperty(localName = "MaxAgeSeconds") Integer maxAgeSeconds) {}
}
