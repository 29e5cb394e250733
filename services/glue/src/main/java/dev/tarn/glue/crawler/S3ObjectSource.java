package dev.tarn.glue.crawler;

import dev.tarn.s3.DataKeyProvider;
import dev.tarn.s3.object.KeyUnwrapper;
import dev.tarn.s3.object.ObjectContent;
import dev.tarn.s3.security.EncryptionKeys;
import dev.tarn.spi.kms.DataKeyService;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.blob.BlobStore;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Objects of Tarn's S3 store, read through S3's own read path: SSE-S3 objects with the master
 * key, SSE-KMS objects through KMS as the account that owns them (the crawler acts for its
 * account); SSE-C objects cannot be read without their customer key, and are skipped.
 */
public final class S3ObjectSource
        implements ObjectSource
{
    private final MetadataStore metadata;
    private final ObjectContent content;
    private final EncryptionKeys keys;
    private final String region;

    public S3ObjectSource(MetadataStore metadata, BlobStore blobs, DataKeyProvider dataKeys, Optional<DataKeyService> kms, String region)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.content = new ObjectContent(blobs, dataKeys);
        this.keys = new EncryptionKeys(dataKeys, kms);
        this.region = requireNonNull(region, "region is null");
    }

    @Override
    public List<SourceObject> list(String bucket, String prefix, Optional<String> startAfter, int limit)
    {
        return metadata.read(reader -> reader.latestObjects(bucket, prefix, startAfter, limit)).stream()
                .map(version -> new SourceObject(version.bucket(), version.key(), version.size(), version.lastModified(), version))
                .toList();
    }

    @Override
    public InputStream open(SourceObject object, long offset, long length)
            throws IOException
    {
        ObjectVersion version = (ObjectVersion) object.handle();
        String owner = version.ownerAccountId();
        RequestContext crawler = new RequestContext("crawler-" + UUID.randomUUID(), new Caller(owner, "arn:aws:iam::" + owner + ":root", owner,
                Optional.empty(), true), region, "127.0.0.1", true, Instant.now());
        KeyUnwrapper unwrapper;
        try {
            unwrapper = keys.unwrapper(crawler, version.attributes(), Optional.empty(), version.bucket(), version.key(), Optional.empty());
        }
        catch (RuntimeException e) {
            throw new IOException("cannot open " + version.key() + ": " + e.getMessage(), e);
        }
        long from = Math.min(Math.max(offset, 0), version.size());
        return content.open(version.segments(), from, Math.min(length, version.size() - from), unwrapper);
    }
}
