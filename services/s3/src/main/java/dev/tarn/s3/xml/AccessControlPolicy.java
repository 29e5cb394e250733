package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.List;

/** GetBucketAcl / GetObjectAcl's answer: the owner and its grants. */
@JacksonXmlRootElement(localName = "AccessControlPolicy")
public record AccessControlPolicy(
        @JacksonXmlProperty(localName = "Owner") Owner owner,
        @JacksonXmlElementWrapper(localName = "AccessControlList") @JacksonXmlProperty(localName = "Grant") List<Grant> grants)
{
    public AccessControlPolicy
    {
        grants = List.copyOf(grants);
    }

    public record Grant(@JacksonXmlProperty(localName = "Grantee") Grantee grantee, @JacksonXmlProperty(localName = "Permission") String permission) {}

    /** A canonical-user grantee, with the xsi:type attribute S3 sends. */
    public record Grantee(
            @JacksonXmlProperty(localName = "type", isAttribute = true, namespace = "http://www.w3.org/2001/XMLSchema-instance") String type,
            @JacksonXmlProperty(localName = "ID") String id,
            @JacksonXmlProperty(localName = "DisplayName") String displayName) {}
}
