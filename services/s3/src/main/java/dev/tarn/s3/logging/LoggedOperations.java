package dev.tarn.s3.logging;

import dev.tarn.gateway.audit.Exchange;
import dev.tarn.gateway.http.UriCodec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operation field of the access log, {@code REST.<method>.<resource type>} as S3 writes it
 * (REST.GET.OBJECT, REST.PUT.VERSIONING, REST.POST.MULTI_OBJECT_DELETE, ...).
 */
final class LoggedOperations
{
    /** S3's names for operations whose resource type is not simply the sub-resource's name. */
    private static final Map<String, String> BY_OPERATION = Map.ofEntries(
            Map.entry("ListObjects", "REST.GET.BUCKET"),
            Map.entry("ListObjectsV2", "REST.GET.BUCKET"),
            Map.entry("CreateBucket", "REST.PUT.BUCKET"),
            Map.entry("HeadBucket", "REST.HEAD.BUCKET"),
            Map.entry("DeleteBucket", "REST.DELETE.BUCKET"),
            Map.entry("ListObjectVersions", "REST.GET.BUCKETVERSIONS"),
            Map.entry("GetBucketPolicy", "REST.GET.BUCKETPOLICY"),
            Map.entry("PutBucketPolicy", "REST.PUT.BUCKETPOLICY"),
            Map.entry("DeleteBucketPolicy", "REST.DELETE.BUCKETPOLICY"),
            Map.entry("GetBucketPolicyStatus", "REST.GET.POLICY_STATUS"),
            Map.entry("GetBucketLogging", "REST.GET.LOGGING_STATUS"),
            Map.entry("PutBucketLogging", "REST.PUT.LOGGING_STATUS"),
            Map.entry("GetPublicAccessBlock", "REST.GET.PUBLIC_ACCESS_BLOCK"),
            Map.entry("PutPublicAccessBlock", "REST.PUT.PUBLIC_ACCESS_BLOCK"),
            Map.entry("DeletePublicAccessBlock", "REST.DELETE.PUBLIC_ACCESS_BLOCK"),
            Map.entry("GetBucketOwnershipControls", "REST.GET.OWNERSHIP_CONTROLS"),
            Map.entry("PutBucketOwnershipControls", "REST.PUT.OWNERSHIP_CONTROLS"),
            Map.entry("DeleteBucketOwnershipControls", "REST.DELETE.OWNERSHIP_CONTROLS"),
            Map.entry("DeleteObjects", "REST.POST.MULTI_OBJECT_DELETE"),
            Map.entry("CreateMultipartUpload", "REST.POST.UPLOADS"),
            Map.entry("CompleteMultipartUpload", "REST.POST.UPLOAD"),
            Map.entry("UploadPart", "REST.PUT.PART"),
            Map.entry("UploadPartCopy", "REST.COPY.PART"),
            Map.entry("ListParts", "REST.GET.UPLOAD"),
            Map.entry("AbortMultipartUpload", "REST.DELETE.UPLOAD"),
            Map.entry("GetObjectTagging", "REST.GET.OBJECT_TAGGING"),
            Map.entry("PutObjectTagging", "REST.PUT.OBJECT_TAGGING"),
            Map.entry("DeleteObjectTagging", "REST.DELETE.OBJECT_TAGGING"),
            Map.entry("CopyObject", "REST.COPY.OBJECT"));
    /** Sub-resources, in the order they decide the resource type of a request S3 did not name above. */
    private static final List<String> SUBRESOURCES = List.of("acl", "versioning", "tagging", "encryption", "location", "logging", "policy",
            "uploads", "uploadId", "versions", "restore", "lifecycle", "cors", "website", "notification", "replication", "object-lock",
            "accelerate", "requestPayment", "inventory", "metrics", "analytics", "intelligent-tiering", "attributes", "legal-hold", "retention");

    private LoggedOperations() {}

    static String of(Exchange exchange, LoggedRequest request)
    {
        String method = exchange.method().toUpperCase(Locale.ROOT);
        String named = exchange.operation().map(BY_OPERATION::get).orElse(null);
        if (named != null) {
            return named;
        }
        Map<String, List<String>> query = UriCodec.parseQuery(exchange.rawQuery());
        for (String subresource : SUBRESOURCES) {
            if (query.containsKey(subresource)) {
                return "REST." + method + "." + subresource.replace('-', '_').toUpperCase(Locale.ROOT);
            }
        }
        return "REST." + method + "." + (request.rawKey().isPresent() ? "OBJECT" : "BUCKET");
    }
}
