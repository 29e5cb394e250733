package dev.tarn.s3.listing;

import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.UploadRecord;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The metadata store's lists as {@link ListingSource}s, all read from one snapshot. */
final class StoreSources
{
    private StoreSources() {}

    /** Current versions that are not delete markers, by key. */
    static ListingSource<ObjectVersion> latestObjects(MetadataReader reader, String bucket, String prefix)
    {
        requireNonNull(reader, "reader is null");
        return new ListingSource<>()
        {
            @Override
            public List<ObjectVersion> fetch(ListingPosition position, int limit)
            {
                return reader.latestObjects(bucket, prefix, position.key(), limit);
            }

            @Override
            public String key(ObjectVersion entry)
            {
                return entry.key();
            }

            @Override
            public ListingPosition after(ObjectVersion entry)
            {
                return ListingPosition.afterKey(entry.key());
            }
        };
    }

    /** Every version and delete marker, by key and then newest first. */
    static ListingSource<ObjectVersion> versions(MetadataReader reader, String bucket, String prefix)
    {
        requireNonNull(reader, "reader is null");
        return new ListingSource<>()
        {
            @Override
            public List<ObjectVersion> fetch(ListingPosition position, int limit)
            {
                return reader.versions(bucket, prefix, position.key(), position.id(), limit);
            }

            @Override
            public String key(ObjectVersion entry)
            {
                return entry.key();
            }

            @Override
            public ListingPosition after(ObjectVersion entry)
            {
                return ListingPosition.afterEntry(entry.key(), entry.versionId());
            }
        };
    }

    /** Multipart uploads in progress, by key and then initiation. */
    static ListingSource<UploadRecord> uploads(MetadataReader reader, String bucket, String prefix)
    {
        requireNonNull(reader, "reader is null");
        return new ListingSource<>()
        {
            @Override
            public List<UploadRecord> fetch(ListingPosition position, int limit)
            {
                return reader.uploads(bucket, prefix, position.key(), position.id(), limit);
            }

            @Override
            public String key(UploadRecord entry)
            {
                return entry.key();
            }

            @Override
            public ListingPosition after(UploadRecord entry)
            {
                return ListingPosition.afterEntry(entry.key(), entry.uploadId());
            }
        };
    }
}
