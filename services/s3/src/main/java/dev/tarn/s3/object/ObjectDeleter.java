package dev.tarn.s3.object;

import dev.tarn.s3.lock.LockErrors;
import dev.tarn.s3.lock.VersionLock;
import dev.tarn.storage.meta.ObjectVersion;

import java.time.Clock;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The deletion DeleteObject and each entry of DeleteObjects perform, and what S3 reports about it. */
public final class ObjectDeleter
{
    private final ObjectWriter writer;
    private final Clock clock;

    /**
     * @param versionId the version the response names (x-amz-version-id, or VersionId /
     *        DeleteMarkerVersionId in DeleteObjects)
     * @param deleteMarker whether a delete marker was created or removed
     */
    public record Deletion(Optional<String> versionId, boolean deleteMarker) {}

    public ObjectDeleter(ObjectWriter writer, Clock clock)
    {
        this.writer = requireNonNull(writer, "writer is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Deleting a key or version that does not exist succeeds, as in S3. A version under object
     * lock (legal hold, or a retention not yet passed that {@code bypassGovernance} does not lift)
     * is AccessDenied; deleting without a version id only adds a delete marker, which is allowed.
     */
    public Deletion delete(String bucket, String key, Optional<String> versionId, String ownerAccountId, boolean bypassGovernance)
    {
        if (versionId.isPresent()) {
            String id = ObjectLookup.checkVersionId(versionId.get());
            ObjectWriter.Outcome outcome = writer.deleteVersion(bucket, key, id, version -> {
                if (VersionLock.of(version).blocksDeletion(clock.instant(), bypassGovernance)) {
                    throw LockErrors.protectedByLock();
                }
                return true;
            });
            return new Deletion(Optional.of(id), outcome.removed().map(ObjectVersion::deleteMarker).orElse(false));
        }
        ObjectWriter.Outcome outcome = writer.deleteLatest(bucket, key, ownerAccountId);
        return outcome.version()
                .map(marker -> new Deletion(Optional.of(marker.versionId()), true))
                .orElseGet(() -> new Deletion(Optional.empty(), false));
    }
}
