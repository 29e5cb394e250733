package dev.tarn.glue.crawler;

import dev.tarn.s3.DataKeyProvider;
import dev.tarn.s3.object.KeyUnwrapper;
import dev.tarn.s3.object.ObjectContent;
import dev.tarn.s3.security.EncryptionKeys;
import dev.tarn.spi.kms.DataKeyService;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.blob.BlobStore;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Objects of Tarn's S3 store, read through S3's own read path: SSE-S3 objects with the master
 * key, SSE-KMS objects through KMS as the reader (a crawler's role session, which needs
 * kms:Decrypt as on AWS); SSE-C objects cannot be read without their customer key, and are
 * skipped.
 */
public final class S3ObjectSource
        implements ObjectSource
{
    private final MetadataStore metadata;
    private final ObjectContent content;
    private final EncryptionKeys keys;

    public S3ObjectSource(MetadataStore metadata, BlobStore blobs, DataKeyProvider dataKeys, Optional<DataKeyService> kms)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.content = new ObjectContent(blobs, dataKeys);
        this.keys = new EncryptionKeys(dataKeys, kms);
    }

    @Override
    public List<SourceObject> list(String bucket, String prefix, Optional<String> startAfter, int limit)
    {
        return metadata.read(reader -> reader.latestObjects(bucket, prefix, startAfter, limit)).stream()
                .map(version -> new SourceObject(version.bucket(), version.key(), version.size(), version.lastModified(), version))
                .toList();
    }

    @Override
    public InputStream open(RequestContext reader, SourceObject object, long offset, long length)
            throws IOException
    {
        ObjectVersion version = (ObjectVersion) object.handle();
        KeyUnwrapper unwrapper;
        try {
            unwrapper = keys.unwrapper(reader, version.attributes(), Optional.empty(), version.bucket(), version.key(), Optional.empty());
        }
        catch (RuntimeException e) {
            throw new IOException("cannot open " + version.key() + ": " + e.getMessage(), e);
        }
        long from = Math.min(Math.max(offset, 0), version.size());
        return content.open(version.segments(), from, Math.min(length, version.size() - from), unwrapper);
    }
}
