package dev.tarn.s3.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dev.tarn.s3.S3Xml;

/** CreateMultipartUpload's answer. */
@JacksonXmlRootElement(localName = "InitiateMultipartUploadResult", namespace = S3Xml.NAMESPACE)
@JsonPropertyOrder({"bucket", "key", "uploadId"})
public record MultipartInitiateResult(
        @JacksonXmlProperty(localName = "Bucket") String bucket,
        @JacksonXmlProperty(localName = "Key") String key,
        @JacksonXmlProperty(localName = "UploadId") String uploadId) {}
