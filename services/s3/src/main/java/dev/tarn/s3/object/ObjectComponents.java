package dev.tarn.s3.object;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Dependencies;
import dev.tarn.s3.security.EncryptionKeys;

import static java.util.Objects.requireNonNull;

/** The shared pieces of the object write and read paths, built once per service from its dependencies. */
public record ObjectComponents(BlobIngest ingest, ObjectWriter writer, ObjectLookup lookup, ObjectContent content, CopySourceReader copySources,
        VersionIds ids, EncryptionKeys keys)
{
    public ObjectComponents
    {
        requireNonNull(ingest, "ingest is null");
        requireNonNull(writer, "writer is null");
        requireNonNull(lookup, "lookup is null");
        requireNonNull(content, "content is null");
        requireNonNull(copySources, "copySources is null");
        requireNonNull(ids, "ids is null");
        requireNonNull(keys, "keys is null");
    }

    public static ObjectComponents create(S3Dependencies dependencies, BucketAccess access)
    {
        BlobIngest ingest = new BlobIngest(dependencies.blobs(), dependencies.dataKeys());
        VersionIds ids = new VersionIds(dependencies.clock());
        ObjectLookup lookup = new ObjectLookup(dependencies.metadata());
        return new ObjectComponents(
                ingest,
                new ObjectWriter(dependencies.metadata(), ingest, ids, dependencies.clock()),
                lookup,
                new ObjectContent(dependencies.blobs(), dependencies.dataKeys()),
                new CopySourceReader(access, lookup, dependencies.clock()),
                ids,
                new EncryptionKeys(dependencies.dataKeys(), dependencies.kms()));
    }
}
