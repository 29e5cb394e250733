package dev.tarn.s3.security;

import com.fasterxml.jackson.databind.JsonNode;

/** The four Block Public Access settings of a bucket or an account; the effective one is the OR of both. */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy, boolean restrictPublicBuckets)
{
    public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);

    public PublicAccessBlock or(PublicAccessBlock other)
    {
        return new PublicAccessBlock(blockPublicAcls || other.blockPublicAcls, ignorePublicAcls || other.ignorePublicAcls,
                blockPublicPolicy || other.blockPublicPolicy, restrictPublicBuckets || other.restrictPublicBuckets);
    }

    /** The stored form, a JSON object of the four settings. */
    public String encode()
    {
        return "{\"BlockPublicAcls\":" + blockPublicAcls + ",\"IgnorePublicAcls\":" + ignorePublicAcls
                + ",\"BlockPublicPolicy\":" + blockPublicPolicy + ",\"RestrictPublicBuckets\":" + restrictPublicBuckets + "}";
    }

    public static PublicAccessBlock decode(String encoded)
    {
        JsonNode tree = PolicyJson.tree(encoded).orElseThrow(() -> new IllegalStateException("stored public access block is not JSON"));
        return new PublicAccessBlock(tree.path("BlockPublicAcls").asBoolean(), tree.path("IgnorePublicAcls").asBoolean(),
                tree.path("BlockPublicPolicy").asBoolean(), tree.path("RestrictPublicBuckets").asBoolean());
    }
}
