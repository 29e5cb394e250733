package dev.tarn.s3.listing;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.xml.ListVersionsResult;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;

import java.util.Optional;

import static dev.tarn.s3.listing.ListingParameters.nonEmpty;
import static dev.tarn.s3.listing.ListingParameters.pageSize;
import static dev.tarn.s3.listing.ListingParameters.text;
import static java.util.Objects.requireNonNull;

/** ListObjectVersions: every version and delete marker, by key and then newest first. */
public final class VersionListings
{
    private final MetadataStore metadata;
    private final S3Xml xml;
    private final BucketAccess access;

    public VersionListings(MetadataStore metadata, S3Xml xml, BucketAccess access)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.access = requireNonNull(access, "access is null");
    }

    public ServiceResponse listObjectVersions(ServiceRequest request)
    {
        String bucket = S3Location.of(request).requireBucket();
        ListingEncoding encoding = ListingEncoding.parse(request.queryParameter("encoding-type"));
        String prefix = text(request, "prefix");
        KeyRollup rollup = new KeyRollup(prefix, request.queryParameter("delimiter"));
        int maxKeys = pageSize(request, "max-keys", "maxKeys");
        Optional<String> keyMarker = nonEmpty(request, "key-marker");
        Optional<String> versionIdMarker = nonEmpty(request, "version-id-marker");
        if (versionIdMarker.isPresent() && keyMarker.isEmpty()) {
            throw ListingParameters.invalid("version-id-marker", versionIdMarker.get(), "A version-id marker cannot be specified without a key marker.");
        }
        access.bucket(request, bucket, "s3:ListBucketVersions", ObjectListings.conditionKeys(rollup, maxKeys));

        ListingPosition start = keyMarker
                .map(key -> versionIdMarker.map(id -> ListingPosition.afterEntry(key, id)).orElseGet(() -> rollup.resumeAfter(key)))
                .orElse(ListingPosition.START);
        ListingPage<ObjectVersion> page = metadata.read(reader -> RolledUpListing.page(StoreSources.versions(reader, bucket, prefix), rollup, start, maxKeys));

        Optional<String> nextKeyMarker = Optional.empty();
        Optional<String> nextVersionIdMarker = Optional.empty();
        if (page.truncated() && page.last().isPresent()) {
            ListingEntry<ObjectVersion> last = page.last().get();
            if (last instanceof ListingEntry.Item<ObjectVersion> item) {
                nextKeyMarker = Optional.of(item.value().key());
                nextVersionIdMarker = Optional.of(item.value().versionId());
            }
            else {
                nextKeyMarker = Optional.of(((ListingEntry.Prefix<ObjectVersion>) last).prefix());
            }
        }
        return xml.ok(new ListVersionsResult(
                bucket,
                encoding.encode(prefix),
                encoding.encode(keyMarker.orElse("")),
                versionIdMarker.orElse(""),
                encoding.encode(nextKeyMarker),
                nextVersionIdMarker,
                maxKeys,
                encoding.encode(rollup.delimiter()),
                page.truncated(),
                encoding.type(),
                page.items().map(version -> ListedEntries.version(version, encoding)).toList(),
                ObjectListings.commonPrefixes(page, encoding)));
    }
}
