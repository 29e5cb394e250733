package dev.tarn.s3.lock;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.Optional;

/** Put/GetObjectLegalHold's document. */
@JacksonXmlRootElement(localName = "LegalHold")
public record LegalHoldXml(@JacksonXmlProperty(localName = "Status") Optional<String> status)
{
    public LegalHoldXml
    {
        status = status == null ? Optional.empty() : status;
    }
}
