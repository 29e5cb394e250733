package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.List;

/** GetBucketAcl / GetObjectAcl's answer and PutBucketAcl / PutObjectAcl's body: the owner and its grants. */
@JacksonXmlRootElement(localName = "AccessControlPolicy")
public record AccessControlPolicy(
        @JacksonXmlProperty(localName = "Owner") Owner owner,
        @JacksonXmlElementWrapper(localName = "AccessControlList") @JacksonXmlProperty(localName = "Grant") List<Grant> grants)
{
    public AccessControlPolicy
    {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    public record Grant(@JacksonXmlProperty(localName = "Grantee") Grantee grantee, @JacksonXmlProperty(localName = "Permission") String permission) {}

    /**
     * A grantee with the xsi:type attribute S3 sends: CanonicalUser (ID, DisplayName), Group (URI)
     * or, in requests, AmazonCustomerByEmail (EmailAddress). Absent members are null.
     */
    public record Grantee(
            @JacksonXmlProperty(localName = "type", isAttribute = true, namespace = "http://www.w3.org/2001/XMLSchema-instance") String type,
            @JacksonXmlProperty(localName = "ID") String id,
            @JacksonXmlProperty(localName = "DisplayName") String displayName,
            @JacksonXmlProperty(localName = "URI") String uri,
            @JacksonXmlProperty(localName = "EmailAddress") String emailAddress)
    {
        public static Grantee canonicalUser(String id, String displayName)
        {
            return new Grantee("CanonicalUser", id, displayName, null, null);
        }

        public static Grantee group(String uri)
        {
            return new Grantee("Group", null, null, uri, null);
        }
    }
}
