package dev.tarn.s3.lock;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.bucket.BucketVersioning;
import dev.tarn.s3.bucket.RequestBodies;
import dev.tarn.s3.object.BodyIntegrity;
import dev.tarn.s3.object.ObjectLookup;
import dev.tarn.s3.object.ObjectWriter;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Put/GetObjectLockConfiguration (bucket), Put/GetObjectRetention and Put/GetObjectLegalHold
 * (object version). A change to a version's lock is checked against its current lock inside the
 * transaction that makes it, so two requests cannot race past a retention.
 */
public final class ObjectLockHandler
{
    private static final int MAX_DAYS = 36_500;
    private static final int MAX_YEARS = 100;

    private final MetadataStore metadata;
    private final BucketAccess access;
    private final ObjectLookup lookup;
    private final ObjectWriter writer;
    private final S3Xml xml;
    private final Clock clock;

    public ObjectLockHandler(MetadataStore metadata, BucketAccess access, ObjectLookup lookup, ObjectWriter writer, S3Xml xml, Clock clock)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.access = requireNonNull(access, "access is null");
        this.lookup = requireNonNull(lookup, "lookup is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public ServiceResponse putConfiguration(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutBucketObjectLockConfiguration");
        byte[] body = RequestBodies.read(request);
        BodyIntegrity.require(request, body);
        BucketObjectLock lock = validate(xml.read(body, ObjectLockConfigurationXml.class));
        metadata.write(transaction -> {
            BucketRecord bucket = transaction.bucket(name).orElseThrow(() -> S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", name));
            if (!bucket.versioning().filter(BucketVersioning.ENABLED::equals).isPresent()) {
                throw LockErrors.INVALID_BUCKET_STATE.exception("Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
            }
            transaction.updateBucket(bucket.withConfiguration(BucketObjectLock.CONFIGURATION, Optional.of(lock.encode())));
            return null;
        });
        return ServiceResponse.empty(200, Headers.empty());
    }

    public ServiceResponse getConfiguration(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucket(request, name, "s3:GetBucketObjectLockConfiguration");
        BucketObjectLock lock = BucketObjectLock.of(bucket).orElseThrow(() -> LockErrors.OBJECT_LOCK_CONFIGURATION_NOT_FOUND.exception().with("BucketName", name));
        Optional<ObjectLockConfigurationXml.Rule> rule = lock.defaultRetention().map(value -> new ObjectLockConfigurationXml.Rule(Optional.of(
                new ObjectLockConfigurationXml.DefaultRetention(Optional.of(value.mode().name()),
                        value.years() ? Optional.empty() : Optional.of(value.period()),
                        value.years() ? Optional.of(value.period()) : Optional.empty()))));
        return xml.ok(new ObjectLockConfigurationXml(Optional.of("Enabled"), rule));
    }

    public ServiceResponse putRetention(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String bucketName = location.requireBucket();
        String key = location.requireKey();
        Optional<String> versionId = request.queryParameter("versionId").map(ObjectLookup::checkVersionId);
        BucketRecord bucket = access.object(request, bucketName, key, "s3:PutObjectRetention");
        byte[] body = RequestBodies.read(request);
        BodyIntegrity.require(request, body);
        RetentionXml document = xml.read(body, RetentionXml.class);
        if (document.mode().isPresent() != document.retainUntilDate().isPresent()) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        Instant now = clock.instant();
        Optional<Retention> requested = Optional.empty();
        if (document.mode().isPresent()) {
            RetentionMode mode = RetentionMode.parse(document.mode().get()).orElseThrow(S3Errors.MALFORMED_XML::exception);
            Instant until = LockDates.parse(document.retainUntilDate().get(), "RetainUntilDate");
            if (!until.isAfter(now)) {
                throw LockErrors.retainUntilInPast();
            }
            requested = Optional.of(new Retention(mode, until));
        }
        BucketObjectLock.require(bucket);
        boolean bypass = LockBypass.allowed(request, access, bucketName, key);
        Optional<Retention> change = requested;
        writer.update(bucketName, key, versionId, version -> {
            VersionLock current = VersionLock.of(version);
            checkRetentionChange(current.retention(), change, now, bypass);
            return version.withAttributes(current.withRetention(change).applyTo(version.attributes()));
        });
        return ServiceResponse.empty(200, Headers.empty());
    }

    public ServiceResponse getRetention(ServiceRequest request)
    {
        ObjectVersion version = lockedObject(request, "s3:GetObjectRetention");
        Retention retention = VersionLock.of(version).retention()
                .orElseThrow(LockErrors.NO_SUCH_OBJECT_LOCK_CONFIGURATION::exception);
        return xml.ok(new RetentionXml(Optional.of(retention.mode().name()), Optional.of(LockDates.format(retention.retainUntil()))));
    }

    public ServiceResponse putLegalHold(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String bucketName = location.requireBucket();
        String key = location.requireKey();
        Optional<String> versionId = request.queryParameter("versionId").map(ObjectLookup::checkVersionId);
        BucketRecord bucket = access.object(request, bucketName, key, "s3:PutObjectLegalHold");
        byte[] body = RequestBodies.read(request);
        BodyIntegrity.require(request, body);
        String status = xml.read(body, LegalHoldXml.class).status().orElseThrow(S3Errors.MALFORMED_XML::exception);
        if (!status.equals("ON") && !status.equals("OFF")) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        BucketObjectLock.require(bucket);
        writer.update(bucketName, key, versionId,
                version -> version.withAttributes(VersionLock.of(version).withLegalHold(status.equals("ON")).applyTo(version.attributes())));
        return ServiceResponse.empty(200, Headers.empty());
    }

    public ServiceResponse getLegalHold(ServiceRequest request)
    {
        ObjectVersion version = lockedObject(request, "s3:GetObjectLegalHold");
        boolean on = VersionLock.of(version).legalHold().orElseThrow(LockErrors.NO_SUCH_OBJECT_LOCK_CONFIGURATION::exception);
        return xml.ok(new LegalHoldXml(Optional.of(on ? "ON" : "OFF")));
    }

    /**
     * A retention may always be lengthened. Shortening or removing an active one, or changing
     * its mode, is never allowed under COMPLIANCE and only with a permitted bypass under GOVERNANCE.
     */
    static void checkRetentionChange(Optional<Retention> current, Optional<Retention> requested, Instant now, boolean bypassGovernance)
    {
        Optional<Retention> active = current.filter(retention -> retention.activeAt(now));
        if (active.isEmpty()) {
            return;
        }
        boolean weakens = requested.isEmpty()
                || requested.get().mode() != active.get().mode()
                || requested.get().retainUntil().isBefore(active.get().retainUntil());
        if (!weakens) {
            return;
        }
        if (active.get().mode() == RetentionMode.COMPLIANCE || !bypassGovernance) {
            throw LockErrors.protectedByLock();
        }
    }

    private ObjectVersion lockedObject(ServiceRequest request, String action)
    {
        S3Location location = S3Location.of(request);
        String bucketName = location.requireBucket();
        String key = location.requireKey();
        Optional<String> versionId = request.queryParameter("versionId");
        BucketRecord bucket = access.object(request, bucketName, key, action);
        BucketObjectLock.require(bucket);
        return lookup.findObject(bucketName, key, versionId);
    }

    private static BucketObjectLock validate(ObjectLockConfigurationXml document)
    {
        if (!document.objectLockEnabled().filter("Enabled"::equals).isPresent()) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        if (document.rule().isEmpty()) {
            return new BucketObjectLock(Optional.empty());
        }
        ObjectLockConfigurationXml.DefaultRetention retention = document.rule().get().defaultRetention().orElseThrow(S3Errors.MALFORMED_XML::exception);
        RetentionMode mode = retention.mode().flatMap(RetentionMode::parse).orElseThrow(S3Errors.MALFORMED_XML::exception);
        if (retention.days().isPresent() == retention.years().isPresent()) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        boolean years = retention.years().isPresent();
        int period = years ? retention.years().get() : retention.days().get();
        if (period <= 0) {
            throw CommonErrors.INVALID_ARGUMENT.exception("Default retention period must be a positive integer value.");
        }
        if (period > (years ? MAX_YEARS : MAX_DAYS)) {
            throw CommonErrors.INVALID_ARGUMENT.exception("Default retention period is too large.");
        }
        return new BucketObjectLock(Optional.of(new BucketObjectLock.DefaultRetention(mode, period, years)));
    }
}
