package dev.tarn.s3.multipart;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.object.KeyUnwrapper;
import dev.tarn.s3.security.CustomerKey;
import dev.tarn.s3.security.EncryptionKeys;
import dev.tarn.s3.security.ObjectEncryption;
import dev.tarn.s3.object.BlobIngest;
import dev.tarn.s3.object.ContentMd5;
import dev.tarn.s3.object.CopySource;
import dev.tarn.s3.object.CopySourceReader;
import dev.tarn.s3.object.ObjectContent;
import dev.tarn.s3.object.ObjectHeaders;
import dev.tarn.s3.object.RequestChecksum;
import dev.tarn.s3.object.Timestamps;
import dev.tarn.s3.xml.MultipartCopyPartResult;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.blob.StoredBlob;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.PartRecord;
import dev.tarn.storage.meta.Segment;
import dev.tarn.storage.meta.UploadRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * UploadPart and UploadPartCopy: each part is its own blob under its own data key, with its MD5
 * (the part ETag) and the upload's checksum computed as it is written. Storing a part number
 * again replaces the earlier part, whose blob goes once the new part is recorded.
 */
public final class UploadPartHandler
{
    private static final Pattern COPY_RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final BucketAccess access;
    private final MetadataStore metadata;
    private final BlobIngest ingest;
    private final CopySourceReader sources;
    private final ObjectContent content;
    private final EncryptionKeys keys;
    private final S3Xml xml;
    private final Clock clock;

    public UploadPartHandler(BucketAccess access, MetadataStore metadata, BlobIngest ingest, CopySourceReader sources, ObjectContent content,
            EncryptionKeys keys, S3Xml xml, Clock clock)
    {
        this.keys = requireNonNull(keys, "keys is null");
        this.access = requireNonNull(access, "access is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.ingest = requireNonNull(ingest, "ingest is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.content = requireNonNull(content, "content is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public ServiceResponse upload(ServiceRequest request)
    {
        Target target = target(request);
        Headers headers = request.headers();
        Optional<byte[]> contentMd5 = ContentMd5.fromHeaders(headers);
        RequestChecksum checksum = RequestChecksum.fromHeaders(headers);
        long length = BlobIngest.declaredLength(request.contentLength());
        UploadChecksum uploadChecksum = UploadChecksum.of(target.upload());
        if (uploadChecksum.requested() && checksum.algorithm().filter(algorithm -> algorithm != uploadChecksum.algorithm()).isPresent()) {
            throw CommonErrors.INVALID_REQUEST.exception("Checksum Type mismatch occurred, expected checksum Type: "
                    + uploadChecksum.algorithm().name().toLowerCase(Locale.ROOT) + ", actual checksum Type: "
                    + checksum.algorithm().get().name().toLowerCase(Locale.ROOT));
        }
        Set<ChecksumAlgorithm> algorithms = EnumSet.of(uploadChecksum.algorithm());
        checksum.algorithm().ifPresent(algorithms::add);
        EncryptionKeys.WriteKey writeKey = partKey(request, target);
        StoredBlob blob = ingest.write(writeKey.dataKey(), request.body(), OptionalLong.of(length), Set.copyOf(algorithms), stored -> {
            ContentMd5.verify(contentMd5, stored);
            checksum.verify(stored, request.trailers());
        });
        PartRecord part = record(target, blob);
        Headers.Builder response = Headers.builder()
                .set("ETag", ObjectHeaders.etag(part.etag()));
        EncryptionKeys.addResponseHeaders(response, target.upload().attributes());
        checksum.algorithm().or(() -> Optional.of(uploadChecksum.algorithm()).filter(algorithm -> uploadChecksum.requested()))
                .ifPresent(algorithm -> response.set(algorithm.headerName(), RequestChecksum.base64(blob.checksum(algorithm))));
        return ServiceResponse.empty(200, response.build());
    }

    public ServiceResponse copy(ServiceRequest request)
    {
        Target target = target(request);
        CopySourceReader.Source source = sources.read(request, CopySource.parse(request.header("x-amz-copy-source").orElseThrow()));
        ObjectVersion from = source.version();
        long first = 0;
        long length = from.size();
        Optional<String> range = request.header("x-amz-copy-source-range");
        if (range.isPresent()) {
            Matcher matcher = COPY_RANGE.matcher(range.get().trim());
            if (!matcher.matches()) {
                throw CommonErrors.INVALID_ARGUMENT.exception("The x-amz-copy-source-range value must be of the form bytes=first-last where first and "
                        + "last are the zero-based offsets of the first and last bytes to copy")
                        .with("ArgumentName", "x-amz-copy-source-range")
                        .with("ArgumentValue", range.get());
            }
            first = Long.parseLong(matcher.group(1));
            long last = Long.parseLong(matcher.group(2));
            if (last < first || last >= from.size()) {
                throw CommonErrors.INVALID_ARGUMENT.exception("Range specified is not valid for source object of size: " + from.size())
                        .with("ArgumentName", "x-amz-copy-source-range")
                        .with("ArgumentValue", range.get());
            }
            length = last - first + 1;
        }
        if (length > BlobIngest.MAX_SINGLE_UPLOAD) {
            throw CommonErrors.INVALID_REQUEST.exception("The specified copy source is larger than the maximum allowable size for a copy source: "
                    + BlobIngest.MAX_SINGLE_UPLOAD);
        }
        UploadChecksum uploadChecksum = UploadChecksum.of(target.upload());
        KeyUnwrapper sourceKeys = keys.unwrapper(request.context(), from.attributes(), CustomerKey.fromCopySourceHeaders(request.headers()),
                from.bucket(), from.key(), content.firstWrappedKey(from.segments()));
        EncryptionKeys.WriteKey writeKey = partKey(request, target);
        StoredBlob blob;
        try (InputStream bytes = content.open(from.segments(), first, length, sourceKeys)) {
            blob = ingest.write(writeKey.dataKey(), bytes, OptionalLong.of(length), Set.of(uploadChecksum.algorithm()), stored -> { });
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PartRecord part = record(target, blob);
        Headers.Builder response = Headers.builder();
        EncryptionKeys.addResponseHeaders(response, target.upload().attributes());
        if (source.reportsVersionId()) {
            response.set("x-amz-copy-source-version-id", from.versionId());
        }
        Optional<String> value = Optional.of(RequestChecksum.base64(blob.checksum(uploadChecksum.algorithm()))).filter(v -> uploadChecksum.requested());
        ChecksumAlgorithm algorithm = uploadChecksum.algorithm();
        MultipartCopyPartResult result = new MultipartCopyPartResult(ObjectHeaders.etag(part.etag()), Timestamps.xml(part.lastModified()),
                value.filter(v -> algorithm == ChecksumAlgorithm.CRC32),
                value.filter(v -> algorithm == ChecksumAlgorithm.CRC32C),
                value.filter(v -> algorithm == ChecksumAlgorithm.CRC64NVME),
                value.filter(v -> algorithm == ChecksumAlgorithm.SHA1),
                value.filter(v -> algorithm == ChecksumAlgorithm.SHA256));
        return xml.response(200, response.build(), result);
    }

    /** Records the part if its upload still exists (else the blob goes and NoSuchUpload is answered); the replaced part's blob goes after. */
    private PartRecord record(Target target, StoredBlob blob)
    {
        Map<String, String> attributes = new HashMap<>();
        blob.checksums().forEach((algorithm, value) -> {
            if (algorithm != ChecksumAlgorithm.MD5) {
                attributes.put(ObjectAttributes.checksumValue(algorithm), RequestChecksum.base64(value));
            }
        });
        PartRecord part = new PartRecord(target.upload().uploadId(), target.partNumber(), blob.length(),
                HexFormat.of().formatHex(blob.checksum(ChecksumAlgorithm.MD5)), Timestamps.lastModified(clock.instant()),
                new Segment(blob.id(), blob.length()), attributes);
        Optional<PartRecord> replaced;
        try {
            replaced = metadata.write(transaction -> {
                UploadLookup.find(transaction, target.upload().uploadId(), target.bucket(), target.key());
                return transaction.putPart(part);
            });
        }
        catch (RuntimeException e) {
            ingest.delete(blob.id());
            throw e;
        }
        replaced.ifPresent(old -> ingest.delete(old.segment().blobId()));
        return part;
    }

    /**
     * A part's data key, under the upload's encryption: the same KMS key and context, or the
     * same customer key, which every UploadPart of an SSE-C upload must carry again.
     */
    private EncryptionKeys.WriteKey partKey(ServiceRequest request, Target target)
    {
        Map<String, String> uploadAttributes = target.upload().attributes();
        Optional<CustomerKey> customerKey = CustomerKey.fromHeaders(request.headers());
        Optional<String> expectedMd5 = Optional.ofNullable(uploadAttributes.get(ObjectAttributes.SSE_CUSTOMER_KEY_MD5));
        if (!customerKey.map(CustomerKey::md5).equals(expectedMd5)) {
            throw CommonErrors.INVALID_REQUEST.exception(expectedMd5.isPresent()
                    ? "The provided customer key does not match the key the multipart upload was initiated with."
                    : "The multipart upload was not initiated with a customer provided key.");
        }
        ObjectEncryption encryption = ObjectEncryption.stored(uploadAttributes, customerKey);
        if (encryption.isKms()) {
            // the stored key is the resolved ARN; the context is the upload's
            encryption = new ObjectEncryption(ObjectEncryption.SSE_KMS, Optional.ofNullable(uploadAttributes.get(ObjectAttributes.SSE_KMS_KEY_ARN)),
                    encryption.kmsContext(), encryption.bucketKeyEnabled(), Optional.empty());
        }
        return keys.newKey(request.context(), encryption, target.bucket(), target.key());
    }

    private record Target(String bucket, String key, UploadRecord upload, int partNumber) {}

    private Target target(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String bucket = location.requireBucket();
        String key = location.requireKey();
        access.object(request, bucket, key, "s3:PutObject");
        int partNumber = partNumber(request.queryParameter("partNumber").orElse(""));
        String uploadId = request.queryParameter("uploadId").orElse("");
        UploadRecord upload = metadata.read(reader -> UploadLookup.find(reader, uploadId, bucket, key));
        return new Target(bucket, key, upload, partNumber);
    }

    static int partNumber(String value)
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
}
