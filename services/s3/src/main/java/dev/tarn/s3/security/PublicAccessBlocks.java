package dev.tarn.s3.security;

import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.StoredDocument;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where the Block Public Access settings live: the bucket's in its record, the account's as a
 * metadata document. What applies to a bucket is the OR of both.
 */
public final class PublicAccessBlocks
{
    private final MetadataStore metadata;

    public PublicAccessBlocks(MetadataStore metadata)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
    }

    public static Optional<PublicAccessBlock> ofBucket(BucketRecord bucket)
    {
        return bucket.configuration(SecurityConfigurations.PUBLIC_ACCESS_BLOCK).map(PublicAccessBlock::decode);
    }

    public Optional<PublicAccessBlock> ofAccount(String accountId)
    {
        return metadata.read(reader -> reader.document(SecurityConfigurations.ACCOUNT_PUBLIC_ACCESS_BLOCKS, accountId))
                .map(StoredDocument::body)
                .map(PublicAccessBlock::decode);
    }

    public PublicAccessBlock effective(BucketRecord bucket)
    {
        return ofBucket(bucket).orElse(PublicAccessBlock.NONE).or(ofAccount(bucket.ownerAccountId()).orElse(PublicAccessBlock.NONE));
    }

    public void putAccount(String accountId, PublicAccessBlock block)
    {
        metadata.write(transaction -> {
            transaction.putDocument(new StoredDocument(SecurityConfigurations.ACCOUNT_PUBLIC_ACCESS_BLOCKS, accountId, block.encode()));
            return null;
        });
    }

    public void deleteAccount(String accountId)
    {
        metadata.write(transaction -> transaction.deleteDocument(SecurityConfigurations.ACCOUNT_PUBLIC_ACCESS_BLOCKS, accountId));
    }
}
