package dev.tarn.s3.object;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.S3Errors;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The system and user metadata a write request gives an object, as attributes: Content-Type
 * (binary/octet-stream when absent), Content-Encoding without the aws-chunked transfer coding,
 * Cache-Control, Content-Disposition, Content-Language, Expires, and x-amz-meta-* with
 * lower-case names.
 */
public final class ObjectMetadata
{
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    /** S3's limit on user metadata: the UTF-8 bytes of every name (without x-amz-meta-) and value. */
    private static final int MAX_USER_METADATA_BYTES = 2048;
    private static final List<String> SYSTEM_HEADERS = List.of(
            ObjectAttributes.CACHE_CONTROL, ObjectAttributes.CONTENT_DISPOSITION, ObjectAttributes.CONTENT_LANGUAGE, ObjectAttributes.EXPIRES);

    private ObjectMetadata() {}

    public static Map<String, String> fromRequest(Headers headers)
    {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(ObjectAttributes.CONTENT_TYPE, headers.first("content-type").filter(value -> !value.isEmpty()).orElse(DEFAULT_CONTENT_TYPE));
        headers.first("content-encoding")
                .map(ObjectMetadata::withoutAwsChunked)
                .filter(value -> !value.isEmpty())
                .ifPresent(value -> attributes.put(ObjectAttributes.CONTENT_ENCODING, value));
        for (String name : SYSTEM_HEADERS) {
            headers.first(name).ifPresent(value -> attributes.put(name, value));
        }
        int userBytes = 0;
        for (Map.Entry<String, List<String>> header : headers.asMap().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(ObjectAttributes.USER_METADATA_PREFIX)) {
                String value = String.join(",", header.getValue());
                userBytes += name.substring(ObjectAttributes.USER_METADATA_PREFIX.length()).getBytes(StandardCharsets.UTF_8).length
                        + value.getBytes(StandardCharsets.UTF_8).length;
                attributes.put(name, value);
            }
        }
        if (userBytes > MAX_USER_METADATA_BYTES) {
            throw S3Errors.METADATA_TOO_LARGE.exception()
                    .with("Size", Integer.toString(userBytes))
                    .with("MaxSizeAllowed", Integer.toString(MAX_USER_METADATA_BYTES));
        }
        return attributes;
    }

    /** The metadata attributes of an object (what a COPY metadata directive carries over). */
    public static Map<String, String> of(Map<String, String> attributes)
    {
        return attributes.entrySet().stream()
                .filter(entry -> isMetadata(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private static boolean isMetadata(String name)
    {
        return name.equals(ObjectAttributes.CONTENT_TYPE) || name.equals(ObjectAttributes.CONTENT_ENCODING)
                || SYSTEM_HEADERS.contains(name) || name.startsWith(ObjectAttributes.USER_METADATA_PREFIX);
    }

    /** Only AES256 (SSE-S3, also the default) is available; SSE-KMS and SSE-C come later. */
    public static String serverSideEncryption(Headers headers)
    {
        if (headers.contains("x-amz-server-side-encryption-customer-algorithm")) {
            throw CommonErrors.NOT_IMPLEMENTED.exception("Server-side encryption with customer-provided keys (SSE-C) is not implemented yet.");
        }
        String requested = headers.first("x-amz-server-side-encryption").orElse("AES256");
        if (requested.equals("AES256")) {
            return requested;
        }
        if (requested.equals("aws:kms") || requested.equals("aws:kms:dsse")) {
            throw CommonErrors.NOT_IMPLEMENTED.exception("Server-side encryption with KMS keys (" + requested + ") is not implemented yet; use AES256.");
        }
        throw CommonErrors.INVALID_ARGUMENT.exception("The encryption method specified is not supported")
                .with("ArgumentName", "x-amz-server-side-encryption")
                .with("ArgumentValue", requested);
    }

    private static String withoutAwsChunked(String encoding)
    {
        return java.util.Arrays.stream(encoding.split(","))
                .map(String::trim)
                .filter(coding -> !coding.isEmpty() && !coding.equalsIgnoreCase("aws-chunked"))
                .collect(Collectors.joining(","));
    }
}
