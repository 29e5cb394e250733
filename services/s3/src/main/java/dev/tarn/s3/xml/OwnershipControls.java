package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.List;

/** Put/GetBucketOwnershipControls's document: its Rule elements, each with an ObjectOwnership. */
@JacksonXmlRootElement(localName = "OwnershipControls")
public record OwnershipControls(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Rule") List<Rule> rules)
{
    public OwnershipControls
    {
        rules = rules == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rules));
    }

    public record Rule(@JacksonXmlProperty(localName = "ObjectOwnership") String objectOwnership) {}
}
