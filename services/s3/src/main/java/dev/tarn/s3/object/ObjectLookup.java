package dev.tarn.s3.object;

import dev.tarn.s3.S3Errors;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Finds the version a request addresses: the latest of a key, or the one its versionId names. */
public final class ObjectLookup
{
    private final MetadataStore metadata;

    public ObjectLookup(MetadataStore metadata)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
    }

    public Optional<ObjectVersion> latest(String bucket, String key)
    {
        return metadata.read(reader -> reader.latest(bucket, key));
    }

    /** The addressed version, which may be a delete marker; NoSuchKey or NoSuchVersion when there is none. */
    public ObjectVersion find(String bucket, String key, Optional<String> versionId)
    {
        if (versionId.isEmpty()) {
            return latest(bucket, key).orElseThrow(() -> noSuchKey(key));
        }
        String id = checkVersionId(versionId.get());
        return metadata.read(reader -> reader.version(bucket, key, id))
                .orElseThrow(() -> S3Errors.NO_SUCH_VERSION.exception().with("Key", key).with("VersionId", id));
    }

    /** Like {@link #find}, but a delete marker is NoSuchKey (latest) or MethodNotAllowed (by version id), without headers. */
    public ObjectVersion findObject(String bucket, String key, Optional<String> versionId)
    {
        ObjectVersion version = find(bucket, key, versionId);
        if (version.deleteMarker()) {
            throw versionId.isPresent() ? S3Errors.METHOD_NOT_ALLOWED.exception() : noSuchKey(key);
        }
        return version;
    }

    /** S3 answers a version id it could not have made with InvalidArgument. */
    public static String checkVersionId(String versionId)
    {
        if (!versionId.equals(ObjectVersion.NULL_VERSION) && !VersionIds.isWellFormed(versionId)) {
            throw CommonErrors.INVALID_ARGUMENT.exception("Invalid version id specified")
                    .with("ArgumentName", "versionId")
                    .with("ArgumentValue", versionId);
        }
        return versionId;
    }

    public static dev.tarn.spi.error.AwsException noSuchKey(String key)
    {
        return S3Errors.NO_SUCH_KEY.exception().with("Key", key);
    }
}
