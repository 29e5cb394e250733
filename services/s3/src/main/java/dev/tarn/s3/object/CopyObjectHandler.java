package dev.tarn.s3.object;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.lock.ObjectLockRequest;
import dev.tarn.s3.security.CustomerKey;
import dev.tarn.s3.security.EncryptionKeys;
import dev.tarn.s3.security.ObjectAcls;
import dev.tarn.s3.security.ObjectEncryption;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.s3.xml.ObjectCopyResult;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.blob.StoredBlob;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.Segment;

import java.io.InputStream;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * CopyObject: the source's bytes are decrypted and streamed into a new blob under the copy's own
 * data key (so the copy shares nothing with its source), with metadata and tags copied or
 * replaced as the directives say.
 */
public final class CopyObjectHandler
{
    private static final String SELF_COPY = "This copy request is illegal because it is trying to copy an object to itself without changing "
            + "the object's metadata, storage class, website redirect location or encryption attributes.";

    private final BucketAccess access;
    private final CopySourceReader sources;
    private final ObjectContent content;
    private final BlobIngest ingest;
    private final ObjectWriter writer;
    private final EncryptionKeys keys;
    private final S3Xml xml;
    private final Clock clock;

    public CopyObjectHandler(BucketAccess access, CopySourceReader sources, ObjectContent content, BlobIngest ingest, ObjectWriter writer, EncryptionKeys keys,
            S3Xml xml, Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.access = requireNonNull(access, "access is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.content = requireNonNull(content, "content is null");
        this.ingest = requireNonNull(ingest, "ingest is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.xml = requireNonNull(xml, "xml is null");
    }

    public ServiceResponse handle(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String bucketName = location.requireBucket();
        String key = ObjectKeys.checkWritable(location.requireKey());
        Headers headers = request.headers();
        BucketRecord bucket = access.object(request, bucketName, key, "s3:PutObject", EncryptionKeys.conditionKeys(headers));
        ObjectAcls.NewObject ownership = access.acls().forNewObject(request.context(), headers, bucket);
        String owner = ownership.ownerAccountId();
        Map<String, String> lockAttributes = ObjectLockRequest.attributes(request, access, bucket, key, clock.instant());
        CopySource copySource = CopySource.parse(headers.first("x-amz-copy-source").orElseThrow());
        boolean replaceMetadata = directive(headers, "x-amz-metadata-directive");
        boolean replaceTagging = directive(headers, "x-amz-tagging-directive");
        String storageClass = StorageClasses.fromHeader(headers.first("x-amz-storage-class"));
        ObjectEncryption encryption = ObjectEncryption.forWrite(headers, bucket);
        Optional<ChecksumAlgorithm> requestedAlgorithm = headers.first("x-amz-checksum-algorithm")
                .map(name -> RequestChecksum.additional(name)
                        .orElseThrow(() -> CommonErrors.INVALID_REQUEST.exception("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")));
        boolean sameObject = copySource.bucket().equals(bucketName) && copySource.key().equals(key) && copySource.versionId().isEmpty();
        if (sameObject && !replaceMetadata && headers.first("x-amz-storage-class").isEmpty()
                && headers.first("x-amz-server-side-encryption").isEmpty() && encryption.customerKey().isEmpty() && requestedAlgorithm.isEmpty()) {
            throw CommonErrors.INVALID_REQUEST.exception(SELF_COPY);
        }
        Map<String, String> attributes = new LinkedHashMap<>(replaceMetadata ? ObjectMetadata.fromRequest(headers) : Map.of());
        Optional<TagSet> replacedTags = replaceTagging ? Optional.of(headers.first("x-amz-tagging").map(TagSet::fromHeader).orElse(TagSet.empty())) : Optional.empty();

        CopySourceReader.Source source = sources.read(request, copySource);
        ObjectVersion from = source.version();
        if (from.size() > BlobIngest.MAX_SINGLE_UPLOAD) {
            throw CommonErrors.INVALID_REQUEST.exception("The specified copy source is larger than the maximum allowable size for a copy source: "
                    + BlobIngest.MAX_SINGLE_UPLOAD);
        }
        if (!replaceMetadata) {
            attributes.putAll(ObjectMetadata.of(from.attributes()));
        }
        replacedTags.map(Optional::of).orElseGet(() -> from.attribute(ObjectAttributes.TAGGING).map(TagSet::decode))
                .filter(tags -> !tags.isEmpty())
                .ifPresent(tags -> attributes.put(ObjectAttributes.TAGGING, tags.encode()));
        ownership.addTo(attributes);
        ChecksumAlgorithm algorithm = requestedAlgorithm.or(() -> StoredChecksum.of(from).map(StoredChecksum::algorithm))
                .orElse(StoredChecksum.DEFAULT_ALGORITHM);

        KeyUnwrapper sourceKeys = keys.unwrapper(request.context(), from.attributes(), CustomerKey.fromCopySourceHeaders(headers),
                copySource.bucket(), copySource.key(), content.firstWrappedKey(from.segments()));
        EncryptionKeys.WriteKey writeKey = keys.newKey(request.context(), encryption, bucketName, key);
        attributes.putAll(writeKey.attributes());
        StoredBlob blob;
        try (InputStream bytes = content.open(from.segments(), 0, from.size(), sourceKeys)) {
            blob = ingest.write(writeKey.dataKey(), bytes, OptionalLong.of(from.size()), Set.of(algorithm), stored -> { });
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StoredChecksum checksum = StoredChecksum.fullObject(algorithm, blob);
        checksum.addTo(attributes);
        attributes.putAll(lockAttributes);
        List<Segment> segments = List.of(new Segment(blob.id(), blob.length()));
        if (blob.length() == 0) {
            ingest.delete(blob.id());
            segments = List.of();
        }
        NewObject object = new NewObject(key, blob.length(), HexFormat.of().formatHex(blob.checksum(ChecksumAlgorithm.MD5)), storageClass, owner,
                segments, attributes);
        ObjectWriter.Outcome outcome = writer.publish(bucketName, object);
        ObjectVersion copy = outcome.version().orElseThrow();

        Headers.Builder response = Headers.builder();
        EncryptionKeys.addResponseHeaders(response, attributes);
        ObjectHeaders.versionId(response, outcome.bucket(), copy.versionId());
        if (source.reportsVersionId()) {
            response.set("x-amz-copy-source-version-id", from.versionId());
        }
        return xml.response(200, response.build(), copyResult(ObjectHeaders.etag(copy.etag()), Timestamps.xml(copy.lastModified()), checksum));
    }

    static ObjectCopyResult copyResult(String etag, String lastModified, StoredChecksum checksum)
    {
        Optional<String> value = Optional.of(checksum.value());
        ChecksumAlgorithm algorithm = checksum.algorithm();
        return new ObjectCopyResult(etag, lastModified, Optional.of(checksum.type()),
                value.filter(v -> algorithm == ChecksumAlgorithm.CRC32),
                value.filter(v -> algorithm == ChecksumAlgorithm.CRC32C),
                value.filter(v -> algorithm == ChecksumAlgorithm.CRC64NVME),
                value.filter(v -> algorithm == ChecksumAlgorithm.SHA1),
                value.filter(v -> algorithm == ChecksumAlgorithm.SHA256));
    }

    /** COPY (the default) or REPLACE; anything else is InvalidArgument. */
    private static boolean directive(Headers headers, String name)
    {
        String value = headers.first(name).orElse("COPY");
        return switch (value) {
            case "COPY" -> false;
            case "REPLACE" -> true;
            default -> throw CommonErrors.INVALID_ARGUMENT.exception("Unknown " + (name.contains("tagging") ? "tagging" : "metadata") + " directive.")
                    .with("ArgumentName", name)
                    .with("ArgumentValue", value);
        };
    }
}
