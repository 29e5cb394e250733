package dev.tarn.s3.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.storage.meta.BucketRecord;

import java.util.Optional;

/**
 * A bucket's default encryption (PutBucketEncryption): SSE-S3 (AES256) or SSE-KMS under a key.
 * A bucket without one encrypts with SSE-S3, as every S3 bucket now does.
 */
public record DefaultEncryption(String algorithm, Optional<String> kmsKeyId, boolean bucketKeyEnabled)
{
    public static final DefaultEncryption SSE_S3 = new DefaultEncryption("AES256", Optional.empty(), false);

    public static DefaultEncryption of(BucketRecord bucket)
    {
        return bucket.configuration(SecurityConfigurations.ENCRYPTION).map(DefaultEncryption::decode).orElse(SSE_S3);
    }

    public String encode()
    {
        return "{\"SSEAlgorithm\":\"" + algorithm + "\"" + kmsKeyId.map(id -> ",\"KMSMasterKeyID\":\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").orElse("")
                + ",\"BucketKeyEnabled\":" + bucketKeyEnabled + "}";
    }

    static DefaultEncryption decode(String encoded)
    {
        JsonNode tree = PolicyJson.tree(encoded).orElseThrow(() -> new IllegalStateException("stored default encryption is not JSON"));
        return new DefaultEncryption(tree.path("SSEAlgorithm").asText("AES256"),
                Optional.ofNullable(tree.get("KMSMasterKeyID")).map(JsonNode::asText), tree.path("BucketKeyEnabled").asBoolean());
    }
}
