package dev.tarn.s3.object;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.xml.ObjectRestoreRequest;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.http.Headers;
import dev.tarn.storage.meta.ObjectVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * RestoreObject for GLACIER and DEEP_ARCHIVE objects. Their bytes are on disk like any other, so
 * a restore only has to wait out a configured delay (zero by default): 202 for the request that
 * starts it, RestoreAlreadyInProgress while it runs, 200 (extending the expiry) once restored.
 * The restored copy expires at midnight UTC after the requested number of days, as in S3.
 */
public final class RestoreObjectHandler
{
    private final BucketAccess access;
    private final ObjectWriter writer;
    private final S3Xml xml;
    private final Clock clock;
    private final Duration restoreDelay;

    public RestoreObjectHandler(BucketAccess access, ObjectWriter writer, S3Xml xml, Clock clock, Duration restoreDelay)
    {
        this.access = requireNonNull(access, "access is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.restoreDelay = requireNonNull(restoreDelay, "restoreDelay is null");
    }

    public ServiceResponse handle(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        Optional<String> versionId = request.queryParameter("versionId").map(ObjectLookup::checkVersionId);
        access.object(request, location.requireBucket(), location.requireKey(), "s3:RestoreObject");
        int days = days(request);
        boolean[] started = new boolean[1];
        writer.update(location.requireBucket(), location.requireKey(), versionId, version -> {
            if (!StorageClasses.isArchived(version.storageClass())) {
                throw S3Errors.INVALID_OBJECT_STATE.exception("Restore is not allowed for the object's current storage class")
                        .with("StorageClass", version.storageClass());
            }
            Instant now = clock.instant();
            RestoreState state = RestoreState.of(version, now);
            started[0] = state.status() == RestoreState.Status.NONE;
            return switch (state.status()) {
                case ONGOING -> throw S3Errors.RESTORE_ALREADY_IN_PROGRESS.exception();
                case RESTORED -> withRestore(version, Optional.empty(), expiry(now, days));
                case NONE -> {
                    Instant readyAt = now.plus(restoreDelay);
                    yield withRestore(version, Optional.of(readyAt), expiry(readyAt, days));
                }
            };
        });
        return ServiceResponse.empty(started[0] ? 202 : 200, Headers.empty());
    }

    private int days(ServiceRequest request)
    {
        byte[] body;
        try (InputStream in = request.body()) {
            body = in.readNBytes(64 * 1024);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length == 0) {
            return 1;
        }
        ObjectRestoreRequest restore = xml.read(body, ObjectRestoreRequest.class);
        if (restore.type().isPresent()) {
            throw CommonErrors.NOT_IMPLEMENTED.exception("S3 Select restore requests are not implemented.");
        }
        int days = restore.days().orElse(1);
        if (days < 1) {
            throw CommonErrors.INVALID_ARGUMENT.exception("Lifetime days must be a positive number.")
                    .with("ArgumentName", "Days")
                    .with("ArgumentValue", Integer.toString(days));
        }
        return days;
    }

    /** S3 rounds a restored copy's expiry up to the next midnight UTC. */
    static Instant expiry(Instant from, int days)
    {
        return from.plus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant();
    }

    private static ObjectVersion withRestore(ObjectVersion version, Optional<Instant> readyAt, Instant expiry)
    {
        Map<String, String> attributes = new HashMap<>(version.attributes());
        attributes.put(ObjectAttributes.RESTORE, expiry.toString());
        readyAt.ifPresent(instant -> attributes.put(ObjectAttributes.RESTORE_READY_AT, instant.toString()));
        return version.withAttributes(attributes);
    }
}
