package dev.tarn.spi.service;

/** The AWS wire protocols, as botocore's service models name them in metadata.protocol. */
public enum WireProtocol
{
    /** S3: operation from method, path and query; XML bodies; errors as {@code <Error>}. */
    REST_XML,
    /** IAM, STS, CloudFormation: form-encoded Action=...; XML responses. */
    QUERY,
    /** KMS, Glue, Athena, Kinesis: POST with X-Amz-Target; JSON bodies (1.0 or 1.1). */
    JSON,
    /** REST with JSON bodies (Lake Formation and others). */
    REST_JSON,
}
