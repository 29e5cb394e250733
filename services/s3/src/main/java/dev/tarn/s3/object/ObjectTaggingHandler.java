package dev.tarn.s3.object;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.xml.ObjectTagging;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.ObjectVersion;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** GetObjectTagging, PutObjectTagging and DeleteObjectTagging, on the latest version or the one versionId names. */
public final class ObjectTaggingHandler
{
    private final BucketAccess access;
    private final ObjectLookup lookup;
    private final ObjectWriter writer;
    private final S3Xml xml;

    public ObjectTaggingHandler(BucketAccess access, ObjectLookup lookup, ObjectWriter writer, S3Xml xml)
    {
        this.access = requireNonNull(access, "access is null");
        this.lookup = requireNonNull(lookup, "lookup is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.xml = requireNonNull(xml, "xml is null");
    }

    public ServiceResponse get(ServiceRequest request)
    {
        Target target = authorize(request, "s3:GetObjectTagging", "s3:GetObjectVersionTagging");
        ObjectVersion version = lookup.findObject(target.bucketName(), target.key(), target.versionId());
        TagSet tags = version.attribute(ObjectAttributes.TAGGING).map(TagSet::decode).orElse(TagSet.empty());
        ObjectTagging document = ObjectTagging.of(tags.tags().stream().map(tag -> new ObjectTagging.Tag(tag.key(), tag.value())).toList());
        return xml.response(200, versionHeaders(target.bucket(), version), document);
    }

    public ServiceResponse put(ServiceRequest request)
    {
        Target target = authorize(request, "s3:PutObjectTagging", "s3:PutObjectVersionTagging");
        ObjectTagging document = xml.read(request.body(), ObjectTagging.class);
        TagSet tags = TagSet.validated(document.tags().stream().map(tag -> new TagSet.Tag(
                Optional.ofNullable(tag.key()).orElse(""), Optional.ofNullable(tag.value()).orElse(""))).toList());
        ObjectVersion updated = writer.update(target.bucketName(), target.key(), target.versionId(), version -> withTags(version, tags));
        return ServiceResponse.empty(200, versionHeaders(target.bucket(), updated));
    }

    public ServiceResponse delete(ServiceRequest request)
    {
        Target target = authorize(request, "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging");
        ObjectVersion updated = writer.update(target.bucketName(), target.key(), target.versionId(), version -> withTags(version, TagSet.empty()));
        return ServiceResponse.empty(204, versionHeaders(target.bucket(), updated));
    }

    private static ObjectVersion withTags(ObjectVersion version, TagSet tags)
    {
        Map<String, String> attributes = new HashMap<>(version.attributes());
        if (tags.isEmpty()) {
            attributes.remove(ObjectAttributes.TAGGING);
        }
        else {
            attributes.put(ObjectAttributes.TAGGING, tags.encode());
        }
        return version.withAttributes(attributes);
    }

    private static Headers versionHeaders(BucketRecord bucket, ObjectVersion version)
    {
        Headers.Builder headers = Headers.builder();
        ObjectHeaders.versionId(headers, bucket, version.versionId());
        return headers.build();
    }

    private record Target(BucketRecord bucket, String bucketName, String key, Optional<String> versionId) {}

    private Target authorize(ServiceRequest request, String action, String versionAction)
    {
        S3Location location = S3Location.of(request);
        Optional<String> versionId = request.queryParameter("versionId").map(ObjectLookup::checkVersionId);
        BucketRecord bucket = access.object(request, location.requireBucket(), location.requireKey(), versionId.isPresent() ? versionAction : action);
        return new Target(bucket, location.requireBucket(), location.requireKey(), versionId);
    }
}
