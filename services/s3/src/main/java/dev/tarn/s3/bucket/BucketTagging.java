package dev.tarn.s3.bucket;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.xml.Tag;
import dev.tarn.s3.xml.TagSet;
import dev.tarn.s3.xml.Tagging;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Put/Get/DeleteBucketTagging; the tag set is stored as the bucket's "tagging" configuration. */
public final class BucketTagging
{
    private final MetadataStore metadata;
    private final S3Xml xml;
    private final BucketAccess access;

    public BucketTagging(MetadataStore metadata, S3Xml xml, BucketAccess access)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.access = requireNonNull(access, "access is null");
    }

    public ServiceResponse get(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucket(request, name, "s3:GetBucketTagging");
        List<Tag> tags = bucket.configuration(BucketCatalog.TAGGING).map(TagSets::decode).orElse(List.of());
        if (tags.isEmpty()) {
            throw S3Errors.NO_SUCH_TAG_SET.exception().with("BucketName", name);
        }
        return xml.ok(new Tagging(new TagSet(tags)));
    }

    public ServiceResponse put(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutBucketTagging");
        Tagging tagging = xml.read(RequestBodies.read(request), Tagging.class);
        if (tagging.tagSet() == null) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        List<Tag> tags = TagSets.validate(tagging.tagSet());
        store(name, tags.isEmpty() ? Optional.empty() : Optional.of(TagSets.encode(tags)));
        return ServiceResponse.empty(204, Headers.empty());
    }

    /** AWS authorizes DeleteBucketTagging with s3:PutBucketTagging. */
    public ServiceResponse delete(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutBucketTagging");
        store(name, Optional.empty());
        return ServiceResponse.empty(204, Headers.empty());
    }

    private void store(String name, Optional<String> document)
    {
        metadata.write(transaction -> {
            transaction.updateBucket(transaction.bucket(name)
                    .orElseThrow(() -> S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", name))
                    .withConfiguration(BucketCatalog.TAGGING, document));
            return null;
        });
    }
}
