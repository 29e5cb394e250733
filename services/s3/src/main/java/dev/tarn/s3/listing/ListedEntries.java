package dev.tarn.s3.listing;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.xml.Initiator;
import dev.tarn.s3.xml.ListedDeleteMarker;
import dev.tarn.s3.xml.ListedObject;
import dev.tarn.s3.xml.ListedPart;
import dev.tarn.s3.xml.ListedUpload;
import dev.tarn.s3.xml.ListedVersion;
import dev.tarn.s3.xml.Owner;
import dev.tarn.s3.xml.VersionListEntry;
import dev.tarn.s3.xml.XmlTimestamp;
import dev.tarn.s3.CanonicalUser;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.PartRecord;
import dev.tarn.storage.meta.UploadRecord;

import java.util.Map;
import java.util.Optional;

/** How stored records appear in listing answers. */
final class ListedEntries
{
    private ListedEntries() {}

    static ListedObject object(ObjectVersion version, ListingEncoding encoding, boolean withOwner)
    {
        return new ListedObject(
                encoding.encode(version.key()),
                XmlTimestamp.format(version.lastModified()),
                quoted(version.etag()),
                version.attribute(ObjectAttributes.CHECKSUM_ALGORITHM).stream().toList(),
                version.attribute(ObjectAttributes.CHECKSUM_TYPE),
                version.size(),
                withOwner ? Optional.of(Owner.of(version.ownerAccountId())) : Optional.empty(),
                version.storageClass());
    }

    static VersionListEntry version(ObjectVersion version, ListingEncoding encoding)
    {
        if (version.deleteMarker()) {
            return new ListedDeleteMarker(
                    encoding.encode(version.key()),
                    version.versionId(),
                    version.latest(),
                    XmlTimestamp.format(version.lastModified()),
                    Owner.of(version.ownerAccountId()));
        }
        return new ListedVersion(
                encoding.encode(version.key()),
                version.versionId(),
                version.latest(),
                XmlTimestamp.format(version.lastModified()),
                quoted(version.etag()),
                version.attribute(ObjectAttributes.CHECKSUM_ALGORITHM).stream().toList(),
                version.attribute(ObjectAttributes.CHECKSUM_TYPE),
                version.size(),
                Owner.of(version.ownerAccountId()),
                version.storageClass());
    }

    static ListedUpload upload(UploadRecord upload, ListingEncoding encoding)
    {
        return new ListedUpload(
                encoding.encode(upload.key()),
                upload.uploadId(),
                initiator(upload),
                Owner.of(upload.ownerAccountId()),
                upload.storageClass(),
                XmlTimestamp.format(upload.initiated()),
                Optional.ofNullable(upload.attributes().get(ObjectAttributes.CHECKSUM_ALGORITHM)),
                Optional.ofNullable(upload.attributes().get(ObjectAttributes.CHECKSUM_TYPE)));
    }

    static ListedPart part(PartRecord part)
    {
        Map<String, String> attributes = part.attributes();
        return new ListedPart(
                part.partNumber(),
                XmlTimestamp.format(part.lastModified()),
                quoted(part.etag()),
                part.size(),
                checksum(attributes, ChecksumAlgorithm.CRC32),
                checksum(attributes, ChecksumAlgorithm.CRC32C),
                checksum(attributes, ChecksumAlgorithm.CRC64NVME),
                checksum(attributes, ChecksumAlgorithm.SHA1),
                checksum(attributes, ChecksumAlgorithm.SHA256));
    }

    /**
     * An upload's initiator as S3 shows it: the account's canonical user when its root user
     * started the upload, otherwise the principal's ARN and name.
     */
    static Initiator initiator(UploadRecord upload)
    {
        String arn = upload.initiatorArn();
        if (arn.endsWith(":root")) {
            CanonicalUser user = CanonicalUser.of(upload.ownerAccountId());
            return new Initiator(user.id(), user.displayName());
        }
        return new Initiator(arn, arn.substring(arn.lastIndexOf('/') + 1));
    }

    private static Optional<String> checksum(Map<String, String> attributes, ChecksumAlgorithm algorithm)
    {
        return Optional.ofNullable(attributes.get(ObjectAttributes.CHECKSUM_VALUE_PREFIX + algorithm.name()));
    }

    private static String quoted(String etag)
    {
        return "\"" + etag + "\"";
    }
}
