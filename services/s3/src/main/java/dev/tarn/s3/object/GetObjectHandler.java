package dev.tarn.s3.object;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.lifecycle.ExpirationHeader;
import dev.tarn.s3.lock.LockResponseHeaders;
import dev.tarn.s3.security.CustomerKey;
import dev.tarn.s3.security.EncryptionKeys;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.Segment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * GetObject and HeadObject: the version, its conditions, then the part or range, then the
 * headers and the streamed body (which the gateway leaves out for HEAD).
 */
public final class GetObjectHandler
{
    private final BucketAccess access;
    private final ObjectLookup lookup;
    private final ObjectContent content;
    private final EncryptionKeys keys;
    private final Clock clock;
    private final ExpirationHeader expiration;

    public GetObjectHandler(BucketAccess access, ObjectLookup lookup, ObjectContent content, EncryptionKeys keys, Clock clock, ExpirationHeader expiration)
    {
        this.expiration = requireNonNull(expiration, "expiration is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.access = requireNonNull(access, "access is null");
        this.lookup = requireNonNull(lookup, "lookup is null");
        this.content = requireNonNull(content, "content is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public ServiceResponse handle(ServiceRequest request, boolean head)
    {
        S3Location location = S3Location.of(request);
        String bucketName = location.requireBucket();
        String key = location.requireKey();
        Optional<String> versionId = request.queryParameter("versionId");
        BucketRecord bucket = access.object(request, bucketName, key, versionId.isPresent() ? "s3:GetObjectVersion" : "s3:GetObject");
        Optional<Integer> partNumber = request.queryParameter("partNumber").map(GetObjectHandler::partNumber);
        Optional<String> range = request.header("range");
        if (partNumber.isPresent() && range.isPresent()) {
            throw CommonErrors.INVALID_REQUEST.exception("Cannot specify both Range header and partNumber query parameter");
        }

        ObjectVersion version = lookup.find(bucketName, key, versionId);
        if (version.deleteMarker()) {
            return deleteMarker(request, bucket, version, versionId.isPresent());
        }
        // SSE-C needs the customer's key even for HEAD; SSE-KMS is checked with KMS before any byte is sent
        KeyUnwrapper unwrapper = keys.unwrapper(request.context(), version.attributes(), CustomerKey.fromHeaders(request.headers()), bucketName, key,
                head ? Optional.empty() : content.firstWrappedKey(version.segments()));
        Instant now = clock.instant();
        Headers.Builder headers = ObjectHeaders.of(version, bucket, now);
        LockResponseHeaders.add(headers, request, access, bucketName, key, version);
        if (version.latest()) {
            expiration.addTo(headers, bucket, version);
        }
        ConditionalRequest.Decision decision = ConditionalRequest.fromHeaders(request.headers()).evaluate(version.etag(), version.lastModified(), now);
        switch (decision.outcome()) {
            case PRECONDITION_FAILED -> throw S3Errors.PRECONDITION_FAILED.exception().with("Condition", decision.condition().orElseThrow());
            case NOT_MODIFIED -> {
                return ServiceResponse.empty(304, notModifiedHeaders(version, bucket));
            }
            case PROCEED -> { }
        }
        if (!head && !RestoreState.readable(version, now)) {
            throw S3Errors.INVALID_OBJECT_STATE.exception().with("StorageClass", version.storageClass());
        }

        long size = version.size();
        long offset = 0;
        long length = size;
        int status = 200;
        boolean checksumApplies = true;
        if (partNumber.isPresent()) {
            Part part = part(version, partNumber.get());
            offset = part.offset();
            length = part.length();
            status = 206;
            headers.set("Content-Range", "bytes " + offset + "-" + (offset + length - 1) + "/" + size);
            version.attribute(ObjectAttributes.PARTS_COUNT).ifPresent(count -> headers.set("x-amz-mp-parts-count", count));
            checksumApplies = false;
            if (checksumMode(request)) {
                part.checksum().ifPresent(value -> headers.set(StoredChecksum.of(version).orElseThrow().algorithm().headerName(), value));
            }
        }
        else if (range.isPresent()) {
            Optional<ByteRange> selected;
            try {
                selected = ByteRange.parse(range.get(), size);
            }
            catch (AwsException e) {
                return ErrorResponses.withHeaders(e, request, Headers.builder().set("Content-Range", "bytes */" + size).build());
            }
            if (selected.isPresent()) {
                offset = selected.get().first();
                length = selected.get().length();
                status = 206;
                headers.set("Content-Range", selected.get().contentRange(size));
                checksumApplies = false;
            }
        }
        if (checksumApplies && checksumMode(request)) {
            StoredChecksum.of(version).ifPresent(checksum -> checksum.addTo(headers));
        }
        ObjectHeaders.applyOverrides(headers, request.query());
        String contentType = version.attribute(ObjectAttributes.CONTENT_TYPE).orElse(ObjectMetadata.DEFAULT_CONTENT_TYPE);
        return ServiceResponse.of(status, headers.build(), new ObjectBody(content, version.segments(), offset, length, contentType, unwrapper));
    }

    private static boolean checksumMode(ServiceRequest request)
    {
        return request.header("x-amz-checksum-mode").filter("ENABLED"::equalsIgnoreCase).isPresent();
    }

    private record Part(long offset, long length, Optional<String> checksum) {}

    /** A part of a multipart object is one of its segments; an object written whole has one part, itself. */
    private static Part part(ObjectVersion version, int number)
    {
        Optional<Integer> count = version.attribute(ObjectAttributes.PARTS_COUNT).map(Integer::parseInt);
        if (count.isEmpty()) {
            if (number != 1) {
                throw S3Errors.INVALID_PART_NUMBER.exception().with("PartNumberRequested", Integer.toString(number))
                        .with("ActualPartCount", "1");
            }
            return new Part(0, version.size(), Optional.empty());
        }
        if (number > count.get()) {
            throw S3Errors.INVALID_PART_NUMBER.exception().with("PartNumberRequested", Integer.toString(number))
                    .with("ActualPartCount", Integer.toString(count.get()));
        }
        List<Segment> segments = version.segments();
        long offset = 0;
        for (int i = 0; i < number - 1; i++) {
            offset += segments.get(i).length();
        }
        Optional<String> checksum = version.attribute(ObjectAttributes.PART_CHECKSUMS)
                .map(values -> values.split(","))
                .filter(values -> values.length >= number)
                .map(values -> values[number - 1]);
        return new Part(offset, segments.get(number - 1).length(), checksum);
    }

    private static int partNumber(String value)
    {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= 10_000) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // answered below
        }
        throw CommonErrors.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive")
                .with("ArgumentName", "partNumber")
                .with("ArgumentValue", value);
    }

    private static Headers notModifiedHeaders(ObjectVersion version, BucketRecord bucket)
    {
        Headers.Builder headers = Headers.builder()
                .set("ETag", ObjectHeaders.etag(version.etag()))
                .set("Last-Modified", Timestamps.http(version.lastModified()));
        ObjectHeaders.versionId(headers, bucket, version.versionId());
        return headers.build();
    }

    /** A delete marker: 404 NoSuchKey when it is the latest, 405 MethodNotAllowed when asked for by id, with its headers. */
    private static ServiceResponse deleteMarker(ServiceRequest request, BucketRecord bucket, ObjectVersion marker, boolean byVersionId)
    {
        Headers.Builder headers = Headers.builder().set(ObjectHeaders.DELETE_MARKER, "true");
        ObjectHeaders.versionId(headers, bucket, marker.versionId());
        if (byVersionId) {
            headers.set("Last-Modified", Timestamps.http(marker.lastModified()));
            headers.set("Allow", "DELETE");
            AwsException error = S3Errors.METHOD_NOT_ALLOWED.exception()
                    .with("Method", request.method())
                    .with("ResourceType", "DeleteMarker");
            return ErrorResponses.withHeaders(error, request, headers.build());
        }
        return ErrorResponses.withHeaders(ObjectLookup.noSuchKey(marker.key()), request, headers.build());
    }
}
