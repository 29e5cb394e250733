package dev.tarn.glue.crawler;

import dev.tarn.s3.DataKeyProvider;
import dev.tarn.s3.object.ObjectContent;
import dev.tarn.storage.blob.BlobStore;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Objects of Tarn's S3 store, read through S3's own read path so that encrypted segments are decrypted as for GetObject. */
public final class S3ObjectSource
        implements ObjectSource
{
    private final MetadataStore metadata;
    private final ObjectContent content;

    public S3ObjectSource(MetadataStore metadata, BlobStore blobs, DataKeyProvider dataKeys)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.content = new ObjectContent(blobs, dataKeys);
    }

    @Override
    public List<SourceObject> list(String bucket, String prefix, Optional<String> startAfter, int limit)
    {
        return metadata.read(reader -> reader.latestObjects(bucket, prefix, startAfter, limit)).stream()
                .map(version -> new SourceObject(version.bucket(), version.key(), version.size(), version.lastModified(), version))
                .toList();
    }

    @Override
    public InputStream open(SourceObject object, long length)
    {
        ObjectVersion version = (ObjectVersion) object.handle();
        return content.open(version.segments(), 0, Math.min(length, version.size()));
    }
}
