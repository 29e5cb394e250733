package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.List;
import java.util.Optional;

/** ListParts' answer. */
@JacksonXmlRootElement(localName = "ListPartsResult")
public record ListPartsResult(
        @JacksonXmlProperty(localName = "Bucket") String bucket,
        @JacksonXmlProperty(localName = "Key") String key,
        @JacksonXmlProperty(localName = "UploadId") String uploadId,
        @JacksonXmlProperty(localName = "PartNumberMarker") int partNumberMarker,
        @JacksonXmlProperty(localName = "NextPartNumberMarker") Optional<Integer> nextPartNumberMarker,
        @JacksonXmlProperty(localName = "MaxParts") int maxParts,
        @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part") List<ListedPart> parts,
        @JacksonXmlProperty(localName = "Initiator") Initiator initiator,
        @JacksonXmlProperty(localName = "Owner") Owner owner,
        @JacksonXmlProperty(localName = "StorageClass") String storageClass,
        @JacksonXmlProperty(localName = "ChecksumAlgorithm") Optional<String> checksumAlgorithm,
        @JacksonXmlProperty(localName = "ChecksumType") Optional<String> checksumType)
{
    public ListPartsResult
    {
        parts = List.copyOf(parts);
    }
}
