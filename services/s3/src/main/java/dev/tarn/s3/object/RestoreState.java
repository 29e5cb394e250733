package dev.tarn.s3.object;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.storage.meta.ObjectVersion;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where an archived (GLACIER, DEEP_ARCHIVE) object stands with RestoreObject at a given time:
 * never restored (or the restored copy expired), restore ongoing, or restored until an expiry.
 */
public record RestoreState(Status status, Optional<Instant> expiry)
{
    public enum Status
    {
        NONE, ONGOING, RESTORED
    }

    public RestoreState
    {
        requireNonNull(status, "status is null");
        requireNonNull(expiry, "expiry is null");
    }

    public static RestoreState of(ObjectVersion version, Instant now)
    {
        Optional<Instant> expiry = version.attribute(ObjectAttributes.RESTORE).map(Instant::parse);
        if (expiry.isEmpty()) {
            return new RestoreState(Status.NONE, Optional.empty());
        }
        Instant readyAt = version.attribute(ObjectAttributes.RESTORE_READY_AT).map(Instant::parse).orElse(Instant.EPOCH);
        if (now.isBefore(readyAt)) {
            return new RestoreState(Status.ONGOING, expiry);
        }
        if (!now.isBefore(expiry.get())) {
            return new RestoreState(Status.NONE, Optional.empty());
        }
        return new RestoreState(Status.RESTORED, expiry);
    }

    /** Whether the object's bytes may be read: it is not archived, or it is restored. */
    public static boolean readable(ObjectVersion version, Instant now)
    {
        return !StorageClasses.isArchived(version.storageClass()) || of(version, now).status() == Status.RESTORED;
    }

    /** The x-amz-restore header value, when a restore was requested. */
    public Optional<String> header()
    {
        return switch (status) {
            case NONE -> Optional.empty();
            case ONGOING -> Optional.of("ongoing-request=\"true\"");
            case RESTORED -> Optional.of("ongoing-request=\"false\", expiry-date=\"" + Timestamps.http(expiry.orElseThrow()) + "\"");
        };
    }
}
