package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

import static java.util.Objects.requireNonNull;

/**
 * The {@code Initiator} of a multipart upload: for an IAM principal its ARN as ID, for an
 * account's root user the account's canonical user.
 */
public record Initiator(
        @JacksonXmlProperty(localName = "ID") String id,
        @JacksonXmlProperty(localName = "DisplayName") String displayName)
{
    public Initiator
    {
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
    }
}
