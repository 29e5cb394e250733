package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.List;
import java.util.Optional;

/** ListMultipartUploads' answer. */
@JacksonXmlRootElement(localName = "ListMultipartUploadsResult")
public record ListMultipartUploadsResult(
        @JacksonXmlProperty(localName = "Bucket") String bucket,
        @JacksonXmlProperty(localName = "KeyMarker") String keyMarker,
        @JacksonXmlProperty(localName = "UploadIdMarker") String uploadIdMarker,
        @JacksonXmlProperty(localName = "NextKeyMarker") Optional<String> nextKeyMarker,
        @JacksonXmlProperty(localName = "NextUploadIdMarker") Optional<String> nextUploadIdMarker,
        @JacksonXmlProperty(localName = "Delimiter") Optional<String> delimiter,
        @JacksonXmlProperty(localName = "Prefix") String prefix,
        @JacksonXmlProperty(localName = "MaxUploads") int maxUploads,
        @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
        @JacksonXmlProperty(localName = "EncodingType") Optional<String> encodingType,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Upload") List<ListedUpload> uploads,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes") List<CommonPrefix> commonPrefixes)
{
    public ListMultipartUploadsResult
    {
        uploads = List.copyOf(uploads);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
