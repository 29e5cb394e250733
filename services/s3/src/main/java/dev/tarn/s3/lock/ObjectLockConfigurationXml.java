package dev.tarn.s3.lock;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.Optional;

/** Put/GetObjectLockConfiguration's document. */
@JacksonXmlRootElement(localName = "ObjectLockConfiguration")
public record ObjectLockConfigurationXml(
        @JacksonXmlProperty(localName = "ObjectLockEnabled") Optional<String> objectLockEnabled,
        @JacksonXmlProperty(localName = "Rule") Optional<Rule> rule)
{
    public ObjectLockConfigurationXml
    {
        objectLockEnabled = objectLockEnabled == null ? Optional.empty() : objectLockEnabled;
        rule = rule == null ? Optional.empty() : rule;
    }

    public record Rule(@JacksonXmlProperty(localName = "DefaultRetention") Optional<DefaultRetention> defaultRetention)
    {
        public Rule
        {
            defaultRetention = defaultRetention == null ? Optional.empty() : defaultRetention;
        }
    }

    public record DefaultRetention(
            @JacksonXmlProperty(localName = "Mode") Optional<String> mode,
            @JacksonXmlProperty(localName = "Days") Optional<Integer> days,
            @JacksonXmlProperty(localName = "Years") Optional<Integer> years)
    {
        public DefaultRetention
        {
            mode = mode == null ? Optional.empty() : mode;
            days = days == null ? Optional.empty() : days;
            years = years == null ? Optional.empty() : years;
        }
    }
}
