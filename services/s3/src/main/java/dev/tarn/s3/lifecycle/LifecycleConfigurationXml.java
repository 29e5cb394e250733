package dev.tarn.s3.lifecycle;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dev.tarn.s3.xml.Tag;

import java.util.List;
import java.util.Optional;

/** Put/GetBucketLifecycleConfiguration's document, as S3's API model defines it. */
@JacksonXmlRootElement(localName = "LifecycleConfiguration")
public record LifecycleConfigurationXml(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Rule") List<Rule> rules)
{
    public LifecycleConfigurationXml
    {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public record Rule(
            @JacksonXmlProperty(localName = "ID") Optional<String> id,
            @JacksonXmlProperty(localName = "Prefix") Optional<String> prefix,
            @JacksonXmlProperty(localName = "Filter") Optional<Filter> filter,
            @JacksonXmlProperty(localName = "Status") Optional<String> status,
            @JacksonXmlProperty(localName = "Expiration") Optional<Expiration> expiration,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Transition") List<Transition> transitions,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "NoncurrentVersionTransition")
            List<NoncurrentVersionTransition> noncurrentVersionTransitions,
            @JacksonXmlProperty(localName = "NoncurrentVersionExpiration") Optional<NoncurrentVersionExpiration> noncurrentVersionExpiration,
            @JacksonXmlProperty(localName = "AbortIncompleteMultipartUpload") Optional<AbortIncompleteMultipartUpload> abortIncompleteMultipartUpload)
    {
        public Rule
        {
            id = id == null ? Optional.empty() : id;
            prefix = prefix == null ? Optional.empty() : prefix;
            filter = filter == null ? Optional.empty() : filter;
            status = status == null ? Optional.empty() : status;
            expiration = expiration == null ? Optional.empty() : expiration;
            transitions = transitions == null ? List.of() : List.copyOf(transitions);
            noncurrentVersionTransitions = noncurrentVersionTransitions == null ? List.of() : List.copyOf(noncurrentVersionTransitions);
            noncurrentVersionExpiration = noncurrentVersionExpiration == null ? Optional.empty() : noncurrentVersionExpiration;
            abortIncompleteMultipartUpload = abortIncompleteMultipartUpload == null ? Optional.empty() : abortIncompleteMultipartUpload;
        }
    }

    public record Filter(
            @JacksonXmlProperty(localName = "Prefix") Optional<String> prefix,
            @JacksonXmlProperty(localName = "Tag") Optional<Tag> tag,
            @JacksonXmlProperty(localName = "ObjectSizeGreaterThan") Optional<Long> objectSizeGreaterThan,
            @JacksonXmlProperty(localName = "ObjectSizeLessThan") Optional<Long> objectSizeLessThan,
            @JacksonXmlProperty(localName = "And") Optional<And> and)
    {
        public Filter
        {
            prefix = prefix == null ? Optional.empty() : prefix;
            tag = tag == null ? Optional.empty() : tag;
            objectSizeGreaterThan = objectSizeGreaterThan == null ? Optional.empty() : objectSizeGreaterThan;
            objectSizeLessThan = objectSizeLessThan == null ? Optional.empty() : objectSizeLessThan;
            and = and == null ? Optional.empty() : and;
        }
    }

    public record And(
            @JacksonXmlProperty(localName = "Prefix") Optional<String> prefix,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Tag") List<Tag> tags,
            @JacksonXmlProperty(localName = "ObjectSizeGreaterThan") Optional<Long> objectSizeGreaterThan,
            @JacksonXmlProperty(localName = "ObjectSizeLessThan") Optional<Long> objectSizeLessThan)
    {
        public And
        {
            prefix = prefix == null ? Optional.empty() : prefix;
            tags = tags == null ? List.of() : List.copyOf(tags);
            objectSizeGreaterThan = objectSizeGreaterThan == null ? Optional.empty() : objectSizeGreaterThan;
            objectSizeLessThan = objectSizeLessThan == null ? Optional.empty() : objectSizeLessThan;
        }
    }

    public record Expiration(
            @JacksonXmlProperty(localName = "Date") Optional<String> date,
            @JacksonXmlProperty(localName = "Days") Optional<Integer> days,
            @JacksonXmlProperty(localName = "ExpiredObjectDeleteMarker") Optional<Boolean> expiredObjectDeleteMarker)
    {
        public Expiration
        {
            date = date == null ? Optional.empty() : date;
            days = days == null ? Optional.empty() : days;
            expiredObjectDeleteMarker = expiredObjectDeleteMarker == null ? Optional.empty() : expiredObjectDeleteMarker;
        }
    }

    public record Transition(
            @JacksonXmlProperty(localName = "Date") Optional<String> date,
            @JacksonXmlProperty(localName = "Days") Optional<Integer> days,
            @JacksonXmlProperty(localName = "StorageClass") Optional<String> storageClass)
    {
        public Transition
        {
            date = date == null ? Optional.empty() : date;
            days = days == null ? Optional.empty() : days;
            storageClass = storageClass == null ? Optional.empty() : storageClass;
        }
    }

    public record NoncurrentVersionTransition(
            @JacksonXmlProperty(localName = "NoncurrentDays") Optional<Integer> noncurrentDays,
            @JacksonXmlProperty(localName = "StorageClass") Optional<String> storageClass,
            @JacksonXmlProperty(localName = "NewerNoncurrentVersions") Optional<Integer> newerNoncurrentVersions)
    {
        public NoncurrentVersionTransition
        {
            noncurrentDays = noncurrentDays == null ? Optional.empty() : noncurrentDays;
            storageClass = storageClass == null ? Optional.empty() : storageClass;
            newerNoncurrentVersions = newerNoncurrentVersions == null ? Optional.empty() : newerNoncurrentVersions;
        }
    }

    public record NoncurrentVersionExpiration(
            @JacksonXmlProperty(localName = "NoncurrentDays") Optional<Integer> noncurrentDays,
            @JacksonXmlProperty(localName = "NewerNoncurrentVersions") Optional<Integer> newerNoncurrentVersions)
    {
        public NoncurrentVersionExpiration
        {
            noncurrentDays = noncurrentDays == null ? Optional.empty() : noncurrentDays;
            newerNoncurrentVersions = newerNoncurrentVersions == null ? Optional.empty() : newerNoncurrentVersions;
        }
    }

    public record AbortIncompleteMultipartUpload(@JacksonXmlProperty(localName = "DaysAfterInitiation") Optional<Integer> daysAfterInitiation)
    {
        public AbortIncompleteMultipartUpload
        {
            daysAfterInitiation = daysAfterInitiation == null ? Optional.empty() : daysAfterInitiation;
        }
    }
}
