package dev.tarn.s3.bucket;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Dependencies;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.lock.BucketObjectLock;
import dev.tarn.s3.security.AccessControlList;
import dev.tarn.s3.security.ObjectOwnership;
import dev.tarn.s3.security.SecurityConfigurations;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.xml.CreateBucketConfiguration;
import dev.tarn.s3.xml.ListAllMyBucketsResult;
import dev.tarn.s3.xml.LocationConstraint;
import dev.tarn.s3.xml.Owner;
import dev.tarn.s3.xml.Tag;
import dev.tarn.s3.xml.XmlTimestamp;
import dev.tarn.s3.listing.ContinuationToken;
import dev.tarn.s3.listing.ListingParameters;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.blob.BlobId;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.PartRecord;
import dev.tarn.storage.meta.UploadRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** ListBuckets, CreateBucket, HeadBucket, GetBucketLocation and DeleteBucket. */
public final class BucketCatalog
{
    /** The configuration key a bucket's tag set is stored under. */
    public static final String TAGGING = "tagging";
    private static final int MAX_BUCKETS_PAGE = 10_000;
    private static final int BATCH = 1000;

    private final S3Dependencies dependencies;
    private final S3Xml xml;
    private final BucketAccess access;

    public BucketCatalog(S3Dependencies dependencies, S3Xml xml, BucketAccess access)
    {
        this.dependencies = requireNonNull(dependencies, "dependencies is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.access = requireNonNull(access, "access is null");
    }

    public ServiceResponse listBuckets(ServiceRequest request)
    {
        Optional<Integer> maxBuckets = request.queryParameter("max-buckets").map(BucketCatalog::maxBuckets);
        Optional<String> after = request.queryParameter("continuation-token").map(ContinuationToken::decode);
        Optional<String> prefix = request.queryParameter("prefix").filter(value -> !value.isEmpty());
        Optional<String> region = request.queryParameter("bucket-region").filter(value -> !value.isEmpty());
        access.authorize(request, "s3:ListAllMyBuckets", "*");

        String accountId = request.context().caller().accountId();
        // an account has at most a few thousand buckets; the store returns them by name
        List<BucketRecord> selected = dependencies.metadata().read(reader -> reader.buckets(accountId)).stream()
                .filter(bucket -> prefix.map(bucket.name()::startsWith).orElse(true))
                .filter(bucket -> region.map(bucket.region()::equals).orElse(true))
                .filter(bucket -> after.map(name -> bucket.name().compareTo(name) > 0).orElse(true))
                .toList();
        int limit = maxBuckets.orElse(Integer.MAX_VALUE);
        List<BucketRecord> page = selected.stream().limit(limit).toList();
        Optional<String> nextToken = selected.size() > limit ? Optional.of(ContinuationToken.encode(page.get(page.size() - 1).name())) : Optional.empty();
        return xml.ok(new ListAllMyBucketsResult(
                Owner.of(accountId),
                new ListAllMyBucketsResult.Buckets(page.stream()
                        .map(bucket -> new ListAllMyBucketsResult.Bucket(bucket.name(), XmlTimestamp.format(bucket.createdAt()), bucket.region()))
                        .toList()),
                nextToken,
                prefix));
    }

    public ServiceResponse createBucket(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketNames.check(name);
        access.authorize(request, "s3:CreateBucket", "arn:aws:s3:::" + name);
        byte[] body = RequestBodies.read(request);
        Optional<CreateBucketConfiguration> configuration = body.length == 0
                ? Optional.empty()
                : Optional.of(xml.read(body, CreateBucketConfiguration.class));
        String region = dependencies.region();
        LocationConstraints.check(configuration.flatMap(CreateBucketConfiguration::locationConstraint), region);
        List<Tag> tags = configuration.flatMap(CreateBucketConfiguration::tags).map(TagSets::validate).orElse(List.of());

        String accountId = request.context().caller().accountId();
        Map<String, String> configurations = new java.util.HashMap<>();
        if (!tags.isEmpty()) {
            configurations.put(TAGGING, TagSets.encode(tags));
        }
        Optional<String> ownership = ObjectOwnership.forNewBucket(request.headers(), dependencies.defaultObjectOwnership());
        ownership.ifPresent(value -> configurations.put(SecurityConfigurations.OWNERSHIP, value));
        if (ownership.isPresent()) {
            // ACLs enabled: the ACL the request asks for (refused when public under the account's BlockPublicAcls)
            BucketRecord unsaved = new BucketRecord(name, accountId, region, dependencies.clock().instant(), Optional.empty(), configurations);
            access.acls().requests().fromHeaders(request.headers(), accountId, accountId)
                    .filter(acl -> !acl.equals(AccessControlList.ownerOnly(accountId)))
                    .ifPresent(acl -> {
                        access.acls().checkNotBlocked(acl, unsaved);
                        configurations.put(SecurityConfigurations.ACL, acl.encode());
                    });
        }
        // a bucket created with object lock has versioning on from the start, for good
        boolean objectLock = request.header("x-amz-bucket-object-lock-enabled").map(String::strip).filter("true"::equalsIgnoreCase).isPresent();
        if (objectLock) {
            access.authorize(request, "s3:PutBucketObjectLockConfiguration", "arn:aws:s3:::" + name);
            configurations.put(BucketObjectLock.CONFIGURATION, new BucketObjectLock(Optional.empty()).encode());
        }
        BucketRecord bucket = new BucketRecord(name, accountId, region, dependencies.clock().instant(),
                objectLock ? Optional.of(BucketVersioning.ENABLED) : Optional.empty(), configurations);
        dependencies.metadata().write(transaction -> {
            if (transaction.createBucket(bucket)) {
                return bucket;
            }
            BucketRecord existing = transaction.bucket(name).orElseThrow(() -> S3Errors.BUCKET_ALREADY_EXISTS.exception().with("BucketName", name));
            if (!existing.ownerAccountId().equals(accountId)) {
                throw S3Errors.BUCKET_ALREADY_EXISTS.exception().with("BucketName", name);
            }
            // AWS's documented legacy: in us-east-1 the owner re-creating its bucket gets 200 OK
            if (!region.equals(LocationConstraints.US_EAST_1)) {
                throw S3Errors.BUCKET_ALREADY_OWNED_BY_YOU.exception().with("BucketName", name);
            }
            return existing;
        });
        return ServiceResponse.empty(200, Headers.builder().set("Location", "/" + name).build());
    }

    /** HeadBucket answers with headers only, errors included (a HEAD response has no body). */
    public ServiceResponse headBucket(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        try {
            BucketRecord bucket = access.bucket(request, name, "s3:ListBucket");
            return ServiceResponse.empty(200, Headers.builder()
                    .set("x-amz-bucket-region", bucket.region())
                    .set("x-amz-access-point-alias", "false")
                    .build());
        }
        catch (AwsException e) {
            Headers.Builder headers = Headers.builder();
            if (e.httpStatus() == 403) {
                // S3 tells a caller who may not see the bucket where it is, not what is in it
                dependencies.metadata().read(reader -> reader.bucket(name))
                        .ifPresent(bucket -> headers.set("x-amz-bucket-region", bucket.region()));
            }
            return ServiceResponse.empty(e.httpStatus(), headers.build());
        }
    }

    public ServiceResponse getBucketLocation(ServiceRequest request)
    {
        BucketRecord bucket = access.bucket(request, S3Location.of(request).requireBucket(), "s3:GetBucketLocation");
        return xml.ok(new LocationConstraint(LocationConstraints.of(bucket.region())));
    }

    /**
     * Deletes an empty bucket. Its unfinished multipart uploads go with it; their part blobs are
     * deleted once the metadata change is durable (a crash before that leaves orphans, which the
     * start-up sweep removes).
     */
    public ServiceResponse deleteBucket(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:DeleteBucket");
        List<BlobId> partBlobs = dependencies.metadata().write(transaction -> {
            if (transaction.bucket(name).isEmpty()) {
                throw S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", name);
            }
            if (transaction.hasObjects(name)) {
                throw S3Errors.BUCKET_NOT_EMPTY.exception().with("BucketName", name);
            }
            List<BlobId> blobs = discardUploads(transaction, name);
            transaction.deleteBucket(name);
            return blobs;
        });
        for (BlobId blob : partBlobs) {
            try {
                dependencies.blobs().delete(blob);
            }
            catch (IOException e) {
                // no longer referenced: the start-up sweep of unreferenced blobs removes it
            }
        }
        return ServiceResponse.empty(204, Headers.empty());
    }

    private static List<BlobId> discardUploads(MetadataTransaction transaction, String bucket)
    {
        List<BlobId> blobs = new ArrayList<>();
        while (true) {
            // each pass deletes what it read, so the next starts from the beginning again
            List<UploadRecord> uploads = transaction.uploads(bucket, "", Optional.empty(), Optional.empty(), BATCH);
            if (uploads.isEmpty()) {
                return blobs;
            }
            for (UploadRecord upload : uploads) {
                int after = 0;
                while (true) {
                    List<PartRecord> parts = transaction.parts(upload.uploadId(), after, BATCH);
                    parts.forEach(part -> blobs.add(part.segment().blobId()));
                    if (parts.size() < BATCH) {
                        break;
                    }
                    after = parts.get(parts.size() - 1).partNumber();
                }
                transaction.deleteUpload(upload.uploadId());
            }
        }
    }

    private static int maxBuckets(String value)
    {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        }
        catch (NumberFormatException e) {
            parsed = -1;
        }
        if (parsed < 1 || parsed > MAX_BUCKETS_PAGE) {
            throw ListingParameters.invalid("max-buckets", value, "Argument max-buckets must be an integer between 1 and " + MAX_BUCKETS_PAGE);
        }
        return parsed;
    }
}
