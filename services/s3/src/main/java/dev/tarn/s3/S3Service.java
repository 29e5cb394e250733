package dev.tarn.s3;

import dev.tarn.gateway.auth.PostPolicyVerifier;
import dev.tarn.gateway.protocol.ErrorDocument;
import dev.tarn.s3.lifecycle.LifecycleConfigurations;
import dev.tarn.s3.lifecycle.LifecycleExecutor;
import dev.tarn.s3.lifecycle.LifecycleHandler;
import dev.tarn.s3.lifecycle.LifecycleLog;
import dev.tarn.s3.lock.ObjectLockHandler;
import dev.tarn.s3.object.ObjectWriter;
import dev.tarn.s3.cors.BucketCorsHandler;
import dev.tarn.s3.cors.CorsConfigurations;
import dev.tarn.s3.cors.CorsPreflightHandler;
import dev.tarn.s3.cors.CorsResponses;
import dev.tarn.s3.logging.BucketLoggingHandler;
import dev.tarn.s3.post.PostObjectHandler;
import dev.tarn.s3.security.SecurityOperations;
import dev.tarn.s3.xml.PublicAccessBlockControlConfiguration;
import dev.tarn.spi.error.AwsException;
import dev.tarn.s3.object.ObjectComponents;
import dev.tarn.s3.select.SelectObjectContentHandler;
import dev.tarn.s3.select.SelectSettings;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.security.CredentialResolver;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.RestRoute;
import dev.tarn.spi.service.ServiceDescriptor;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * S3 as the gateway sees it: the table of operations, each a method, path shape and query
 * sub-resource, pointing at the class that implements it. More specific routes come first.
 */
public final class S3Service
        implements AwsService
{
    private final BucketOperations buckets;
    private final ListingOperations listings;
    private final ObjectOperations objects;
    private final MultipartOperations multipart;
    private final SecurityOperations security;
    private final BucketLoggingHandler logging;
    private final SelectObjectContentHandler select;
    private final ObjectLockHandler lock;
    private final LifecycleHandler lifecycle;
    private final S3Dependencies dependencies;
    private final ObjectWriter writer;
    private final LifecycleConfigurations lifecycleConfigurations;
    private final BucketCorsHandler cors;
    private final CorsPreflightHandler preflight;
    private final CorsResponses corsResponses;
    private final PostObjectHandler post;

    /** S3 without form-upload signers: every signed POST Object form is refused (InvalidAccessKeyId). */
    public S3Service(S3Dependencies dependencies)
    {
        this(dependencies, accessKeyId -> Optional.empty());
    }

    /** @param formSigners the access keys whose signatures on browser-upload (POST Object) policies are accepted */
    public S3Service(S3Dependencies dependencies, CredentialResolver formSigners)
    {
        requireNonNull(dependencies, "dependencies is null");
        requireNonNull(formSigners, "formSigners is null");
        S3Xml xml = new S3Xml();
        BucketAccess access = new BucketAccess(dependencies.metadata(), dependencies.authorizer(), dependencies.accounts());
        this.buckets = new BucketOperations(dependencies, xml, access);
        this.listings = new ListingOperations(dependencies, xml, access);
        this.objects = new ObjectOperations(dependencies, xml, access);
        this.multipart = new MultipartOperations(dependencies, xml, access, objects);
        this.security = new SecurityOperations(dependencies, xml, access);
        this.logging = new BucketLoggingHandler(dependencies.metadata(), access, xml);
        ObjectComponents components = objects.components();
        this.dependencies = dependencies;
        this.writer = components.writer();
        this.lifecycleConfigurations = new LifecycleConfigurations(xml);
        this.lifecycle = new LifecycleHandler(dependencies.metadata(), access, lifecycleConfigurations, xml);
        this.lock = new ObjectLockHandler(dependencies.metadata(), access, components.lookup(), components.writer(), xml, dependencies.clock());
        this.select = new SelectObjectContentHandler(access, components.lookup(), components.content(), components.keys(), xml, dependencies.clock(),
                SelectSettings.defaults(Path.of(System.getProperty("java.io.tmpdir"), "tarn-select")));
        CorsConfigurations corsConfigurations = new CorsConfigurations(dependencies.metadata());
        this.cors = new BucketCorsHandler(corsConfigurations, access, xml);
        this.preflight = new CorsPreflightHandler(dependencies.metadata(), corsConfigurations);
        this.corsResponses = new CorsResponses(corsConfigurations);
        this.post = new PostObjectHandler(objects.putHandler(), new PostPolicyVerifier(formSigners, dependencies.clock()), xml, dependencies.clock());
    }

    @Override
    public ServiceDescriptor descriptor()
    {
        return ServiceDescriptor.restXml("s3");
    }

    @Override
    public void registerOperations(OperationRegistry registry)
    {
        // S3 Control (same signing name), before anything that reads the path as bucket and key
        registry.route(new RestRoute("PutPublicAccessBlock", "PUT", control("publicAccessBlock"), controlErrors(security.publicAccessBlocks()::putAccount)));
        registry.route(new RestRoute("GetPublicAccessBlock", "GET", control("publicAccessBlock"), controlErrors(security.publicAccessBlocks()::getAccount)));
        registry.route(new RestRoute("DeletePublicAccessBlock", "DELETE", control("publicAccessBlock"), controlErrors(security.publicAccessBlocks()::deleteAccount)));

        // CORS preflight: OPTIONS on any bucket or object URL
        registry.route(new RestRoute("PreflightRequest", "OPTIONS", service().negate(), preflight::handle));

        // Service
        registry.route(new RestRoute("ListBuckets", "GET", service(), buckets::listBuckets));

        // Buckets
        registry.route(new RestRoute("GetBucketVersioning", "GET", bucket().and(query("versioning")), buckets::getBucketVersioning));
        registry.route(new RestRoute("PutBucketVersioning", "PUT", bucket().and(query("versioning")), buckets::putBucketVersioning));
        registry.route(new RestRoute("GetBucketTagging", "GET", bucket().and(query("tagging")), buckets::getBucketTagging));
        registry.route(new RestRoute("PutBucketTagging", "PUT", bucket().and(query("tagging")), buckets::putBucketTagging));
        registry.route(new RestRoute("DeleteBucketTagging", "DELETE", bucket().and(query("tagging")), buckets::deleteBucketTagging));
        registry.route(new RestRoute("GetBucketPolicy", "GET", bucket().and(query("policy")), security.policies()::get));
        registry.route(new RestRoute("PutBucketPolicy", "PUT", bucket().and(query("policy")), security.policies()::put));
        registry.route(new RestRoute("DeleteBucketPolicy", "DELETE", bucket().and(query("policy")), security.policies()::delete));
        registry.route(new RestRoute("GetBucketPolicyStatus", "GET", bucket().and(query("policyStatus")), security.policies()::status));
        registry.route(new RestRoute("GetPublicAccessBlock", "GET", bucket().and(query("publicAccessBlock")), security.publicAccessBlocks()::getBucket));
        registry.route(new RestRoute("PutPublicAccessBlock", "PUT", bucket().and(query("publicAccessBlock")), security.publicAccessBlocks()::putBucket));
        registry.route(new RestRoute("DeletePublicAccessBlock", "DELETE", bucket().and(query("publicAccessBlock")),
                security.publicAccessBlocks()::deleteBucket));
        registry.route(new RestRoute("GetBucketOwnershipControls", "GET", bucket().and(query("ownershipControls")), security.ownership()::getControls));
        registry.route(new RestRoute("PutBucketOwnershipControls", "PUT", bucket().and(query("ownershipControls")), security.ownership()::putControls));
        registry.route(new RestRoute("DeleteBucketOwnershipControls", "DELETE", bucket().and(query("ownershipControls")),
                security.ownership()::deleteControls));
        registry.route(new RestRoute("GetBucketAcl", "GET", bucket().and(query("acl")), security.ownership()::getBucketAcl));
        registry.route(new RestRoute("PutBucketAcl", "PUT", bucket().and(query("acl")), security.ownership()::putBucketAcl));
        registry.route(new RestRoute("GetBucketEncryption", "GET", bucket().and(query("encryption")), security.encryption()::get));
        registry.route(new RestRoute("PutBucketEncryption", "PUT", bucket().and(query("encryption")), security.encryption()::put));
        registry.route(new RestRoute("DeleteBucketEncryption", "DELETE", bucket().and(query("encryption")), security.encryption()::delete));
        registry.route(new RestRoute("GetBucketLogging", "GET", bucket().and(query("logging")), logging::get));
        registry.route(new RestRoute("PutBucketLogging", "PUT", bucket().and(query("logging")), logging::put));
        registry.route(new RestRoute("GetBucketLifecycleConfiguration", "GET", bucket().and(query("lifecycle")), lifecycle::get));
        registry.route(new RestRoute("PutBucketLifecycleConfiguration", "PUT", bucket().and(query("lifecycle")), lifecycle::put));
        registry.route(new RestRoute("DeleteBucketLifecycle", "DELETE", bucket().and(query("lifecycle")), lifecycle::delete));
        registry.route(new RestRoute("GetObjectLockConfiguration", "GET", bucket().and(query("object-lock")), lock::getConfiguration));
        registry.route(new RestRoute("PutObjectLockConfiguration", "PUT", bucket().and(query("object-lock")), lock::putConfiguration));
        registry.route(new RestRoute("GetBucketCors", "GET", bucket().and(query("cors")), cors::get));
        registry.route(new RestRoute("PutBucketCors", "PUT", bucket().and(query("cors")), cors::put));
        registry.route(new RestRoute("DeleteBucketCors", "DELETE", bucket().and(query("cors")), cors::delete));
        registry.route(new RestRoute("GetBucketLocation", "GET", bucket().and(query("location")), buckets::getBucketLocation));
        registry.route(new RestRoute("ListObjectVersions", "GET", bucket().and(query("versions")), listings::listObjectVersions));
        registry.route(new RestRoute("ListMultipartUploads", "GET", bucket().and(query("uploads")), listings::listMultipartUploads));
        registry.route(new RestRoute("ListObjectsV2", "GET", bucket().and(queryValue("list-type", "2")), listings::listObjectsV2));
        registry.route(new RestRoute("ListObjects", "GET", bucket().and(noSubresource()), listings::listObjects));
        registry.route(new RestRoute("DeleteObjects", "POST", bucket().and(query("delete")), objects::deleteObjects));
        registry.route(new RestRoute("PostObject", "POST", bucket().and(noSubresource()), post::handle));
        registry.route(new RestRoute("CreateBucket", "PUT", bucket().and(noSubresource()), buckets::createBucket));
        registry.route(new RestRoute("HeadBucket", "HEAD", bucket(), buckets::headBucket));
        registry.route(new RestRoute("DeleteBucket", "DELETE", bucket().and(noSubresource()), buckets::deleteBucket));

        // Multipart uploads
        registry.route(new RestRoute("CreateMultipartUpload", "POST", object().and(query("uploads")), multipart::createMultipartUpload));
        registry.route(new RestRoute("CompleteMultipartUpload", "POST", object().and(query("uploadId")), multipart::completeMultipartUpload));
        registry.route(new RestRoute("UploadPartCopy", "PUT", object().and(query("uploadId")).and(query("partNumber")).and(header("x-amz-copy-source")),
                multipart::uploadPartCopy));
        registry.route(new RestRoute("UploadPart", "PUT", object().and(query("uploadId")).and(query("partNumber")), multipart::uploadPart));
        registry.route(new RestRoute("ListParts", "GET", object().and(query("uploadId")), listings::listParts));
        registry.route(new RestRoute("AbortMultipartUpload", "DELETE", object().and(query("uploadId")), multipart::abortMultipartUpload));

        // Objects
        registry.route(new RestRoute("GetObjectAcl", "GET", object().and(query("acl")), security.ownership()::getObjectAcl));
        registry.route(new RestRoute("PutObjectAcl", "PUT", object().and(query("acl")), security.ownership()::putObjectAcl));
        registry.route(new RestRoute("GetObjectRetention", "GET", object().and(query("retention")), lock::getRetention));
        registry.route(new RestRoute("PutObjectRetention", "PUT", object().and(query("retention")), lock::putRetention));
        registry.route(new RestRoute("GetObjectLegalHold", "GET", object().and(query("legal-hold")), lock::getLegalHold));
        registry.route(new RestRoute("PutObjectLegalHold", "PUT", object().and(query("legal-hold")), lock::putLegalHold));
        registry.route(new RestRoute("GetObjectTagging", "GET", object().and(query("tagging")), objects::getObjectTagging));
        registry.route(new RestRoute("PutObjectTagging", "PUT", object().and(query("tagging")), objects::putObjectTagging));
        registry.route(new RestRoute("DeleteObjectTagging", "DELETE", object().and(query("tagging")), objects::deleteObjectTagging));
        registry.route(new RestRoute("SelectObjectContent", "POST", object().and(query("select")).and(queryValue("select-type", "2")), select::handle));
        registry.route(new RestRoute("RestoreObject", "POST", object().and(query("restore")), objects::restoreObject));
        registry.route(new RestRoute("CopyObject", "PUT", object().and(noSubresource()).and(header("x-amz-copy-source")), objects::copyObject));
        registry.route(new RestRoute("PutObject", "PUT", object().and(noSubresource()), objects::putObject));
        registry.route(new RestRoute("GetObject", "GET", object().and(noSubresource()), objects::getObject));
        registry.route(new RestRoute("HeadObject", "HEAD", object().and(noSubresource()), objects::headObject));
        registry.route(new RestRoute("DeleteObject", "DELETE", object().and(noSubresource()), objects::deleteObject));
    }

    /** The executor of this service's lifecycle rules, for the server's scheduler (and benchmarks) to run. */
    public LifecycleExecutor lifecycleExecutor(LifecycleLog log)
    {
        return new LifecycleExecutor(dependencies.metadata(), writer, dependencies.blobs(), lifecycleConfigurations, dependencies.lifecycleDay(), log,
                dependencies.clock());
    }

    /** Cross-origin requests get the bucket's Access-Control headers, error responses included. */
    @Override
    public ServiceResponse complete(ServiceRequest request, ServiceResponse response)
    {
        return corsResponses.complete(request, response);
    }

    /** Query parameters that select a sub-resource; others (versionId, partNumber, response-*) do not. */
    private static final java.util.Set<String> SUBRESOURCES = java.util.Set.of(
            "acl", "accelerate", "analytics", "attributes", "cors", "delete", "encryption", "intelligent-tiering", "inventory",
            "legal-hold", "lifecycle", "location", "logging", "metrics", "notification", "object-lock", "ownershipControls",
            "policy", "policyStatus", "publicAccessBlock", "replication", "requestPayment", "restore", "retention", "select",
            "tagging", "torrent", "uploadId", "uploads", "versioning", "versions", "website");

    /**
     * S3 Control answers errors wrapped in {@code <ErrorResponse>} (not S3's bare {@code <Error>}),
     * which is what its SDK clients read.
     */
    private static RestRoute.RestHandler controlErrors(RestRoute.RestHandler handler)
    {
        return request -> {
            try {
                return handler.handle(request);
            }
            catch (AwsException e) {
                return ErrorDocument.query(e, request.context().requestId(), PublicAccessBlockControlConfiguration.NAMESPACE);
            }
        };
    }

    /** An S3 Control account configuration: {@code /v20180820/configuration/NAME} with the account in x-amz-account-id. */
    private static Predicate<ServiceRequest> control(String configuration)
    {
        return request -> request.rawPath().equals("/v20180820/configuration/" + configuration) && request.header("x-amz-account-id").isPresent();
    }

    private static Predicate<ServiceRequest> service()
    {
        return request -> S3Location.of(request).isService();
    }

    private static Predicate<ServiceRequest> bucket()
    {
        return request -> S3Location.of(request).isBucket();
    }

    private static Predicate<ServiceRequest> object()
    {
        return request -> S3Location.of(request).isObject();
    }

    private static Predicate<ServiceRequest> query(String name)
    {
        return request -> request.hasQueryParameter(name);
    }

    private static Predicate<ServiceRequest> queryValue(String name, String value)
    {
        return request -> request.queryParameter(name).map(value::equals).orElse(false);
    }

    private static Predicate<ServiceRequest> header(String name)
    {
        return request -> request.header(name).isPresent();
    }

    private static Predicate<ServiceRequest> noSubresource()
    {
        return request -> request.query().keySet().stream().noneMatch(SUBRESOURCES::contains);
    }
}
