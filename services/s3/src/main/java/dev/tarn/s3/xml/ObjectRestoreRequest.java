package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.Optional;

/** The body of RestoreObject; only Days and the retrieval tier matter when nothing is really archived. */
@JacksonXmlRootElement(localName = "RestoreRequest")
public record ObjectRestoreRequest(
        @JacksonXmlProperty(localName = "Days") Optional<Integer> days,
        @JacksonXmlProperty(localName = "GlacierJobParameters") Optional<JobParameters> glacierJobParameters,
        @JacksonXmlProperty(localName = "Type") Optional<String> type)
{
    public ObjectRestoreRequest
    {
        days = days == null ? Optional.empty() : days;
        glacierJobParameters = glacierJobParameters == null ? Optional.empty() : glacierJobParameters;
        type = type == null ? Optional.empty() : type;
    }

    public record JobParameters(@JacksonXmlProperty(localName = "Tier") Optional<String> tier) {}
}
