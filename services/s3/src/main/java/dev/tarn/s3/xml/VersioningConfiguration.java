package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.Optional;

/** Put/GetBucketVersioning's document. */
@JacksonXmlRootElement(localName = "VersioningConfiguration")
public record VersioningConfiguration(
        @JacksonXmlProperty(localName = "Status") Optional<String> status,
        @JacksonXmlProperty(localName = "MfaDelete") Optional<String> mfaDelete)
{
    public VersioningConfiguration
    {
        status = status == null ? Optional.empty() : status;
        mfaDelete = mfaDelete == null ? Optional.empty() : mfaDelete;
    }
}
