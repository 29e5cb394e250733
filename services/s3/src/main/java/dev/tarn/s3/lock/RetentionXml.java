package dev.tarn.s3.lock;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.Optional;

/** Put/GetObjectRetention's document; both elements absent removes a retention. */
@JacksonXmlRootElement(localName = "Retention")
public record RetentionXml(
        @JacksonXmlProperty(localName = "Mode") Optional<String> mode,
        @JacksonXmlProperty(localName = "RetainUntilDate") Optional<String> retainUntilDate)
{
    public RetentionXml
    {
        mode = mode == null ? Optional.empty() : mode;
        retainUntilDate = retainUntilDate == null ? Optional.empty() : retainUntilDate;
    }
}
