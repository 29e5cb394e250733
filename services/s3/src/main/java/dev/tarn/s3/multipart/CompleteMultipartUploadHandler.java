package dev.tarn.s3.multipart;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.security.EncryptionKeys;
import dev.tarn.s3.object.NewObject;
import dev.tarn.s3.object.ObjectHeaders;
import dev.tarn.s3.object.ObjectWriter;
import dev.tarn.s3.object.RequestChecksum;
import dev.tarn.s3.object.StoredChecksum;
import dev.tarn.s3.xml.MultipartCompleteRequest;
import dev.tarn.s3.xml.MultipartCompleteResult;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.gateway.http.UriCodec;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.PartRecord;
import dev.tarn.storage.meta.Segment;
import dev.tarn.storage.meta.UploadRecord;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * CompleteMultipartUpload: the listed parts, checked, become the object's segments as they are
 * (no byte is copied); the ETag is the MD5 of the part MD5s with "-N"; parts not listed are
 * deleted. Recording the version and removing the upload is one transaction, which also checks
 * that the parts are still the ones checked, so a concurrent UploadPart or abort cannot slip in.
 */
public final class CompleteMultipartUploadHandler
{
    /** Every part but the last must be at least 5 MiB. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final BucketAccess access;
    private final MetadataStore metadata;
    private final ObjectWriter writer;
    private final S3Xml xml;

    public CompleteMultipartUploadHandler(BucketAccess access, MetadataStore metadata, ObjectWriter writer, S3Xml xml)
    {
        this.access = requireNonNull(access, "access is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.xml = requireNonNull(xml, "xml is null");
    }

    public ServiceResponse handle(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String bucketName = location.requireBucket();
        String key = location.requireKey();
        access.object(request, bucketName, key, "s3:PutObject");
        String uploadId = request.queryParameter("uploadId").orElse("");
        UploadRecord upload = metadata.read(reader -> UploadLookup.find(reader, uploadId, bucketName, key));
        MultipartCompleteRequest complete = xml.read(request.body(), MultipartCompleteRequest.class);
        if (complete.parts().isEmpty()) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        UploadChecksum uploadChecksum = UploadChecksum.of(upload);
        Map<Integer, PartRecord> stored = metadata.read(reader -> UploadLookup.parts(reader, uploadId)).stream()
                .collect(Collectors.toMap(PartRecord::partNumber, part -> part));
        List<PartRecord> parts = chosenParts(complete.parts(), stored, uploadChecksum);

        StoredChecksum checksum = PartsChecksum.of(uploadChecksum, parts);
        verifyWholeObjectChecksum(request.headers(), checksum);
        long size = parts.stream().mapToLong(PartRecord::size).sum();
        request.header("x-amz-mp-object-size").ifPresent(declared -> {
            if (!declared.trim().equals(Long.toString(size))) {
                throw CommonErrors.INVALID_REQUEST.exception("The provided 'x-amz-mp-object-size' header value " + declared
                        + " does not match what was computed: " + size);
            }
        });
        Map<String, String> attributes = new LinkedHashMap<>(upload.attributes());
        attributes.remove(ObjectAttributes.CHECKSUM_ALGORITHM);
        attributes.remove(ObjectAttributes.CHECKSUM_TYPE);
        checksum.addTo(attributes);
        attributes.put(ObjectAttributes.PARTS_COUNT, Integer.toString(parts.size()));
        attributes.put(ObjectAttributes.PART_CHECKSUMS, parts.stream()
                .map(part -> PartsChecksum.value(part, uploadChecksum.algorithm()))
                .collect(Collectors.joining(",")));
        NewObject object = new NewObject(key, size, etag(parts), upload.storageClass(), upload.ownerAccountId(),
                parts.stream().map(PartRecord::segment).toList(), attributes);

        ObjectWriter.Outcome outcome = writer.publishAssembled(bucketName, object, transaction -> removeUpload(transaction, upload, parts));
        ObjectVersion version = outcome.version().orElseThrow();

        Headers.Builder headers = Headers.builder();
        EncryptionKeys.addResponseHeaders(headers, attributes);
        ObjectHeaders.versionId(headers, outcome.bucket(), version.versionId());
        Optional<String> value = Optional.of(checksum.value());
        ChecksumAlgorithm algorithm = checksum.algorithm();
        MultipartCompleteResult result = new MultipartCompleteResult(location(request, bucketName, key), bucketName, key, ObjectHeaders.etag(version.etag()),
                value.filter(v -> algorithm == ChecksumAlgorithm.CRC32),
                value.filter(v -> algorithm == ChecksumAlgorithm.CRC32C),
                value.filter(v -> algorithm == ChecksumAlgorithm.CRC64NVME),
                value.filter(v -> algorithm == ChecksumAlgorithm.SHA1),
                value.filter(v -> algorithm == ChecksumAlgorithm.SHA256),
                Optional.of(checksum.type()));
        return xml.response(200, headers.build(), result);
    }

    /** The listed parts, in ascending order, each uploaded with the ETag (and checksum) given, all but the last at least 5 MiB. */
    static List<PartRecord> chosenParts(List<MultipartCompleteRequest.Part> listed, Map<Integer, PartRecord> stored, UploadChecksum checksum)
    {
        List<PartRecord> parts = new ArrayList<>();
        int previous = 0;
        for (MultipartCompleteRequest.Part entry : listed) {
            if (entry.partNumber() == null || entry.etag() == null) {
                throw S3Errors.MALFORMED_XML.exception();
            }
            int number = entry.partNumber();
            if (number <= previous) {
                throw S3Errors.INVALID_PART_ORDER.exception();
            }
            previous = number;
            PartRecord part = stored.get(number);
            if (part == null || !unquoted(entry.etag()).equals(part.etag())) {
                throw invalidPart(number, entry.etag());
            }
            Optional<String> listedChecksum = entry.checksum(checksum.algorithm());
            if (checksum.requested() && listedChecksum.isEmpty()) {
                throw CommonErrors.INVALID_REQUEST.exception("The upload was created using a " + checksum.algorithm().name().toLowerCase(java.util.Locale.ROOT)
                        + " checksum. The complete request must include the checksum for each part. It was missing for part " + number + " in the request.");
            }
            if (listedChecksum.isPresent() && !listedChecksum.get().equals(PartsChecksum.value(part, checksum.algorithm()))) {
                throw invalidPart(number, entry.etag());
            }
            parts.add(part);
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            PartRecord part = parts.get(i);
            if (part.size() < MIN_PART_SIZE) {
                throw S3Errors.ENTITY_TOO_SMALL.exception()
                        .with("ProposedSize", Long.toString(part.size()))
                        .with("MinSizeAllowed", Long.toString(MIN_PART_SIZE))
                        .with("PartNumber", Integer.toString(part.partNumber()))
                        .with("ETag", part.etag());
            }
        }
        return parts;
    }

    /** In the publishing transaction: the upload and its chosen parts must be as read; the parts not chosen are to be deleted. */
    private static List<Segment> removeUpload(MetadataTransaction transaction, UploadRecord upload, List<PartRecord> chosen)
    {
        UploadLookup.find(transaction, upload.uploadId(), upload.bucket(), upload.key());
        Map<Integer, PartRecord> current = new HashMap<>();
        UploadLookup.parts(transaction, upload.uploadId()).forEach(part -> current.put(part.partNumber(), part));
        List<Segment> unused = new ArrayList<>();
        for (PartRecord part : chosen) {
            PartRecord now = current.remove(part.partNumber());
            if (now == null || !now.segment().equals(part.segment())) {
                throw invalidPart(part.partNumber(), part.etag());
            }
        }
        current.values().forEach(part -> unused.add(part.segment()));
        transaction.deleteUpload(upload.uploadId());
        return unused;
    }

    private static void verifyWholeObjectChecksum(Headers headers, StoredChecksum checksum)
    {
        Optional<String> declared = headers.first(checksum.algorithm().headerName());
        if (declared.isPresent()) {
            String computed = checksum.value();
            if (!declared.get().trim().equals(computed) && !computed.startsWith(declared.get().trim() + "-")) {
                throw RequestChecksum.mismatch(checksum.algorithm());
            }
        }
    }

    /** "hex(md5(md5(part 1) || ... || md5(part N)))-N" */
    static String etag(List<PartRecord> parts)
    {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            HexFormat hex = HexFormat.of();
            parts.forEach(part -> md5.update(hex.parseHex(part.etag())));
            return hex.formatHex(md5.digest()) + "-" + parts.size();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String location(ServiceRequest request, String bucket, String key)
    {
        String host = request.header("host").orElse("localhost");
        String path = UriCodec.encode(key, true);
        return request.virtualHostBucket().isPresent() ? "http://" + host + "/" + path : "http://" + host + "/" + UriCodec.encode(bucket, false) + "/" + path;
    }

    private static dev.tarn.spi.error.AwsException invalidPart(int number, String etag)
    {
        return S3Errors.INVALID_PART.exception()
                .with("PartNumber", Integer.toString(number))
                .with("ETag", etag);
    }

    private static String unquoted(String etag)
    {
        String value = etag.trim();
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
