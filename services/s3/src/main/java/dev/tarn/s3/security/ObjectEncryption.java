package dev.tarn.s3.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.storage.meta.BucketRecord;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a new object (or upload) is to be encrypted: what the request asks for with the
 * x-amz-server-side-encryption headers (SSE-S3, SSE-KMS) or the SSE-C customer key headers,
 * else the bucket's default encryption.
 *
 * @param algorithm AES256 (SSE-S3 and SSE-C) or aws:kms
 * @param kmsKeyId for SSE-KMS, the key as the request named it (id, ARN or alias); empty for S3's default key
 * @param kmsContext for SSE-KMS, the caller's encryption context as sent (base64 JSON)
 */
public record ObjectEncryption(String algorithm, Optional<String> kmsKeyId, Optional<String> kmsContext, boolean bucketKeyEnabled,
        Optional<CustomerKey> customerKey)
{
    public static final String SSE_S3 = "AES256";
    public static final String SSE_KMS = "aws:kms";
    /** The key AWS uses for SSE-KMS when none is named. */
    public static final String DEFAULT_KMS_KEY = "alias/aws/s3";

    static final String SSE_HEADER = "x-amz-server-side-encryption";
    static final String KMS_KEY_HEADER = "x-amz-server-side-encryption-aws-kms-key-id";
    static final String CONTEXT_HEADER = "x-amz-server-side-encryption-context";
    static final String BUCKET_KEY_HEADER = "x-amz-server-side-encryption-bucket-key-enabled";

    public boolean isKms()
    {
        return algorithm.equals(SSE_KMS);
    }

    public static ObjectEncryption forWrite(Headers headers, BucketRecord bucket)
    {
        Optional<CustomerKey> customerKey = CustomerKey.fromHeaders(headers);
        Optional<String> requested = headers.first(SSE_HEADER);
        Optional<String> keyId = headers.first(KMS_KEY_HEADER);
        Optional<String> context = headers.first(CONTEXT_HEADER);
        boolean bucketKey = headers.first(BUCKET_KEY_HEADER).map("true"::equalsIgnoreCase).orElse(false);
        if (customerKey.isPresent()) {
            if (requested.isPresent()) {
                throw CommonErrors.INVALID_ARGUMENT.exception("Server Side Encryption with Customer provided key is incompatible with the encryption method specified")
                        .with("ArgumentName", SSE_HEADER)
                        .with("ArgumentValue", requested.get());
            }
            return new ObjectEncryption(SSE_S3, Optional.empty(), Optional.empty(), false, customerKey);
        }
        if (requested.isEmpty()) {
            if (keyId.isPresent() || context.isPresent()) {
                throw kmsHeadersWithoutKms(keyId.isPresent() ? KMS_KEY_HEADER : CONTEXT_HEADER);
            }
            DefaultEncryption defaults = DefaultEncryption.of(bucket);
            return new ObjectEncryption(defaults.algorithm(), defaults.kmsKeyId(), Optional.empty(), defaults.bucketKeyEnabled(), Optional.empty());
        }
        String algorithm = requested.get();
        if (algorithm.equals(SSE_S3)) {
            if (keyId.isPresent() || context.isPresent()) {
                throw kmsHeadersWithoutKms(keyId.isPresent() ? KMS_KEY_HEADER : CONTEXT_HEADER);
            }
            return new ObjectEncryption(SSE_S3, Optional.empty(), Optional.empty(), false, Optional.empty());
        }
        if (algorithm.equals(SSE_KMS)) {
            context.ifPresent(ObjectEncryption::decodeContext);
            Optional<String> effectiveKey = keyId.or(() -> DefaultEncryption.of(bucket).kmsKeyId());
            return new ObjectEncryption(SSE_KMS, effectiveKey, context, bucketKey, Optional.empty());
        }
        if (algorithm.equals("aws:kms:dsse")) {
            throw CommonErrors.NOT_IMPLEMENTED.exception("Dual-layer server-side encryption with KMS keys (aws:kms:dsse) is not implemented; use aws:kms.");
        }
        throw CommonErrors.INVALID_ARGUMENT.exception("The encryption method specified is not supported")
                .with("ArgumentName", SSE_HEADER)
                .with("ArgumentValue", algorithm);
    }

    /** The encryption an object or upload was written with, from its stored attributes, with the request's SSE-C key if it uses one. */
    public static ObjectEncryption stored(Map<String, String> attributes, Optional<CustomerKey> customerKey)
    {
        return new ObjectEncryption(attributes.getOrDefault(ObjectAttributes.SERVER_SIDE_ENCRYPTION, SSE_S3),
                Optional.ofNullable(attributes.get(ObjectAttributes.SSE_KMS_KEY_ARN)),
                Optional.ofNullable(attributes.get(ObjectAttributes.SSE_KMS_CONTEXT)),
                "true".equals(attributes.get(ObjectAttributes.SSE_BUCKET_KEY_ENABLED)),
                attributes.containsKey(ObjectAttributes.SSE_CUSTOMER_KEY_MD5) ? customerKey : Optional.empty());
    }

    /** The encryption context a KMS data key is bound to: the caller's, plus the object's ARN as S3 adds it. */
    static Map<String, String> kmsEncryptionContext(Optional<String> context, String bucket, String key)
    {
        Map<String, String> result = new LinkedHashMap<>(context.map(ObjectEncryption::decodeContext).orElse(Map.of()));
        result.putIfAbsent("aws:s3:arn", "arn:aws:s3:::" + bucket + "/" + key);
        return result;
    }

    private static Map<String, String> decodeContext(String encoded)
    {
        Optional<JsonNode> tree;
        try {
            tree = PolicyJson.tree(new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8));
        }
        catch (IllegalArgumentException e) {
            tree = Optional.empty();
        }
        JsonNode object = tree.orElseThrow(() -> CommonErrors.INVALID_ARGUMENT.exception("The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map")
                .with("ArgumentName", CONTEXT_HEADER));
        Map<String, String> context = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw CommonErrors.INVALID_ARGUMENT.exception("The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map")
                        .with("ArgumentName", CONTEXT_HEADER);
            }
            context.put(field.getKey(), field.getValue().asText());
        }
        return context;
    }

    private static RuntimeException kmsHeadersWithoutKms(String header)
    {
        return CommonErrors.INVALID_ARGUMENT.exception("Specifying Server Side Encryption KMS Key ID or context is not allowed unless the encryption method is aws:kms")
                .with("ArgumentName", header);
    }
}
