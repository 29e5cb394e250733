package dev.tarn.s3.listing;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.xml.ListMultipartUploadsResult;
import dev.tarn.s3.xml.ListPartsResult;
import dev.tarn.s3.xml.ListedPart;
import dev.tarn.s3.xml.Owner;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.PartRecord;
import dev.tarn.storage.meta.UploadRecord;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.tarn.s3.listing.ListingParameters.nonEmpty;
import static dev.tarn.s3.listing.ListingParameters.pageSize;
import static dev.tarn.s3.listing.ListingParameters.text;
import static java.util.Objects.requireNonNull;

/** ListMultipartUploads and ListParts: multipart uploads in progress and their parts. */
public final class UploadListings
{
    private final MetadataStore metadata;
    private final S3Xml xml;
    private final BucketAccess access;

    public UploadListings(MetadataStore metadata, S3Xml xml, BucketAccess access)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.access = requireNonNull(access, "access is null");
    }

    public ServiceResponse listMultipartUploads(ServiceRequest request)
    {
        String bucket = S3Location.of(request).requireBucket();
        ListingEncoding encoding = ListingEncoding.parse(request.queryParameter("encoding-type"));
        String prefix = text(request, "prefix");
        KeyRollup rollup = new KeyRollup(prefix, request.queryParameter("delimiter"));
        int maxUploads = pageSize(request, "max-uploads", "max-uploads");
        Optional<String> keyMarker = nonEmpty(request, "key-marker");
        // S3 ignores an upload-id marker without a key marker
        Optional<String> uploadIdMarker = keyMarker.isPresent() ? nonEmpty(request, "upload-id-marker") : Optional.empty();
        access.bucket(request, bucket, "s3:ListBucketMultipartUploads", Map.of("s3:prefix", List.of(prefix)));

        ListingPosition start = keyMarker
                .map(key -> uploadIdMarker.map(id -> ListingPosition.afterEntry(key, id)).orElseGet(() -> rollup.resumeAfter(key)))
                .orElse(ListingPosition.START);
        ListingPage<UploadRecord> page = metadata.read(reader -> RolledUpListing.page(StoreSources.uploads(reader, bucket, prefix), rollup, start, maxUploads));

        Optional<String> nextKeyMarker = Optional.empty();
        Optional<String> nextUploadIdMarker = Optional.empty();
        if (page.truncated() && page.last().isPresent()) {
            ListingEntry<UploadRecord> last = page.last().get();
            if (last instanceof ListingEntry.Item<UploadRecord> item) {
                nextKeyMarker = Optional.of(item.value().key());
                nextUploadIdMarker = Optional.of(item.value().uploadId());
            }
            else {
                nextKeyMarker = Optional.of(((ListingEntry.Prefix<UploadRecord>) last).prefix());
            }
        }
        return xml.ok(new ListMultipartUploadsResult(
                bucket,
                encoding.encode(keyMarker.orElse("")),
                uploadIdMarker.orElse(""),
                encoding.encode(nextKeyMarker),
                nextUploadIdMarker,
                encoding.encode(rollup.delimiter()),
                encoding.encode(prefix),
                maxUploads,
                page.truncated(),
                encoding.type(),
                page.items().map(upload -> ListedEntries.upload(upload, encoding)).toList(),
                ObjectListings.commonPrefixes(page, encoding)));
    }

    public ServiceResponse listParts(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String bucket = location.requireBucket();
        String key = location.requireKey();
        String uploadId = request.queryParameter("uploadId").orElse("");
        int maxParts = pageSize(request, "max-parts", "max-parts");
        int partNumberMarker = request.queryParameter("part-number-marker")
                .filter(value -> !value.isEmpty())
                .map(value -> ListingParameters.nonNegativeInteger("part-number-marker", value, "part-number-marker"))
                .orElse(0);
        access.object(request, bucket, key, "s3:ListMultipartUploadParts");

        record Listing(UploadRecord upload, List<PartRecord> parts) {}
        Listing listing = metadata.read(reader -> {
            UploadRecord upload = reader.upload(uploadId)
                    .filter(found -> found.bucket().equals(bucket) && found.key().equals(key))
                    .orElseThrow(() -> S3Errors.NO_SUCH_UPLOAD.exception().with("UploadId", uploadId));
            return new Listing(upload, reader.parts(uploadId, partNumberMarker, maxParts + 1));
        });
        boolean truncated = listing.parts().size() > maxParts;
        List<ListedPart> parts = listing.parts().stream().limit(maxParts).map(ListedEntries::part).toList();
        UploadRecord upload = listing.upload();
        return xml.ok(new ListPartsResult(
                bucket,
                key,
                uploadId,
                partNumberMarker,
                parts.isEmpty() ? Optional.empty() : Optional.of(parts.get(parts.size() - 1).partNumber()),
                maxParts,
                truncated,
                parts,
                ListedEntries.initiator(upload),
                Owner.of(upload.ownerAccountId()),
                upload.storageClass(),
                Optional.ofNullable(upload.attributes().get(ObjectAttributes.CHECKSUM_ALGORITHM)),
                Optional.ofNullable(upload.attributes().get(ObjectAttributes.CHECKSUM_TYPE))));
    }
}
