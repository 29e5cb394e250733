package dev.tarn.s3.listing;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.xml.CommonPrefix;
import dev.tarn.s3.xml.ListBucketResult;
import dev.tarn.s3.xml.ListBucketV2Result;
import dev.tarn.s3.xml.ListedObject;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.tarn.s3.listing.ListingParameters.nonEmpty;
import static dev.tarn.s3.listing.ListingParameters.pageSize;
import static dev.tarn.s3.listing.ListingParameters.text;
import static java.util.Objects.requireNonNull;

/** ListObjects (version 1) and ListObjectsV2: the current objects of a bucket. */
public final class ObjectListings
{
    private final MetadataStore metadata;
    private final S3Xml xml;
    private final BucketAccess access;

    public ObjectListings(MetadataStore metadata, S3Xml xml, BucketAccess access)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.access = requireNonNull(access, "access is null");
    }

    public ServiceResponse listObjects(ServiceRequest request)
    {
        String bucket = S3Location.of(request).requireBucket();
        ListingEncoding encoding = ListingEncoding.parse(request.queryParameter("encoding-type"));
        String prefix = text(request, "prefix");
        KeyRollup rollup = new KeyRollup(prefix, request.queryParameter("delimiter"));
        int maxKeys = pageSize(request, "max-keys", "maxKeys");
        String marker = text(request, "marker");
        access.bucket(request, bucket, "s3:ListBucket", conditionKeys(rollup, maxKeys));

        ListingPosition start = marker.isEmpty() ? ListingPosition.START : rollup.resumeAfter(marker);
        ListingPage<ObjectVersion> page = read(bucket, rollup, start, maxKeys);
        // version 1 names the next marker only with a delimiter; otherwise clients continue from the last key
        Optional<String> nextMarker = page.truncated() && rollup.delimiter().isPresent()
                ? page.last().map(ObjectListings::position).map(encoding::encode)
                : Optional.empty();
        return xml.ok(new ListBucketResult(
                bucket,
                encoding.encode(prefix),
                encoding.encode(marker),
                nextMarker,
                maxKeys,
                encoding.encode(rollup.delimiter()),
                page.truncated(),
                encoding.type(),
                contents(page, encoding, true),
                commonPrefixes(page, encoding)));
    }

    public ServiceResponse listObjectsV2(ServiceRequest request)
    {
        String bucket = S3Location.of(request).requireBucket();
        ListingEncoding encoding = ListingEncoding.parse(request.queryParameter("encoding-type"));
        String prefix = text(request, "prefix");
        KeyRollup rollup = new KeyRollup(prefix, request.queryParameter("delimiter"));
        int maxKeys = pageSize(request, "max-keys", "maxKeys");
        Optional<String> continuationToken = request.queryParameter("continuation-token");
        Optional<String> resumeKey = continuationToken.map(ContinuationToken::decode);
        Optional<String> startAfter = nonEmpty(request, "start-after");
        boolean fetchOwner = request.queryParameter("fetch-owner").map(Boolean::parseBoolean).orElse(false);
        access.bucket(request, bucket, "s3:ListBucket", conditionKeys(rollup, maxKeys));

        // a continuation token takes over from start-after, which only places the first page
        ListingPosition start = resumeKey.or(() -> startAfter).map(rollup::resumeAfter).orElse(ListingPosition.START);
        ListingPage<ObjectVersion> page = read(bucket, rollup, start, maxKeys);
        Optional<String> nextToken = page.truncated()
                ? page.last().map(ObjectListings::position).map(ContinuationToken::encode)
                : Optional.empty();
        return xml.ok(new ListBucketV2Result(
                bucket,
                encoding.encode(prefix),
                maxKeys,
                page.entries().size(),
                encoding.encode(rollup.delimiter()),
                page.truncated(),
                continuationToken,
                nextToken,
                encoding.encode(startAfter),
                encoding.type(),
                contents(page, encoding, fetchOwner),
                commonPrefixes(page, encoding)));
    }

    private ListingPage<ObjectVersion> read(String bucket, KeyRollup rollup, ListingPosition start, int maxKeys)
    {
        return metadata.read(reader -> RolledUpListing.page(StoreSources.latestObjects(reader, bucket, rollup.prefix()), rollup, start, maxKeys));
    }

    private static List<ListedObject> contents(ListingPage<ObjectVersion> page, ListingEncoding encoding, boolean withOwner)
    {
        return page.items().map(version -> ListedEntries.object(version, encoding, withOwner)).toList();
    }

    static List<CommonPrefix> commonPrefixes(ListingPage<?> page, ListingEncoding encoding)
    {
        return page.commonPrefixes().map(prefix -> new CommonPrefix(encoding.encode(prefix))).toList();
    }

    /** The key or common prefix a listing resumes after. */
    private static String position(ListingEntry<ObjectVersion> entry)
    {
        if (entry instanceof ListingEntry.Prefix<ObjectVersion> prefix) {
            return prefix.prefix();
        }
        return ((ListingEntry.Item<ObjectVersion>) entry).value().key();
    }

    /** The s3:prefix, s3:delimiter and s3:max-keys condition keys of a listing. */
    static Map<String, List<String>> conditionKeys(KeyRollup rollup, int maxKeys)
    {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("s3:prefix", List.of(rollup.prefix()));
        rollup.delimiter().ifPresent(delimiter -> keys.put("s3:delimiter", List.of(delimiter)));
        keys.put("s3:max-keys", List.of(String.valueOf(maxKeys)));
        return keys;
    }
}
