package dev.tarn.s3;

import dev.tarn.s3.lifecycle.ExpirationHeader;
import dev.tarn.s3.lifecycle.LifecycleConfigurations;
import dev.tarn.s3.object.CopyObjectHandler;
import dev.tarn.s3.object.DeleteObjectHandler;
import dev.tarn.s3.object.DeleteObjectsHandler;
import dev.tarn.s3.object.GetObjectHandler;
import dev.tarn.s3.object.ObjectComponents;
import dev.tarn.s3.object.ObjectDeleter;
import dev.tarn.s3.object.ObjectTaggingHandler;
import dev.tarn.s3.object.PutObjectHandler;
import dev.tarn.s3.object.RestoreObjectHandler;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** The object operations, each delegated to its handler in {@code dev.tarn.s3.object}. */
public final class ObjectOperations
{
    private final ObjectComponents components;
    private final PutObjectHandler put;
    private final GetObjectHandler get;
    private final DeleteObjectHandler delete;
    private final DeleteObjectsHandler deleteMany;
    private final CopyObjectHandler copy;
    private final ObjectTaggingHandler tagging;
    private final RestoreObjectHandler restore;

    public ObjectOperations(S3Dependencies dependencies, S3Xml xml, BucketAccess access)
    {
        this(dependencies, xml, access, Duration.ZERO);
    }

    /** @param restoreDelay how long a RestoreObject of an archived object stays in progress */
    public ObjectOperations(S3Dependencies dependencies, S3Xml xml, BucketAccess access, Duration restoreDelay)
    {
        requireNonNull(dependencies, "dependencies is null");
        requireNonNull(xml, "xml is null");
        requireNonNull(access, "access is null");
        this.components = ObjectComponents.create(dependencies, access);
        ExpirationHeader expiration = new ExpirationHeader(new LifecycleConfigurations(xml), dependencies.lifecycleDay());
        ObjectDeleter deleter = new ObjectDeleter(components.writer(), dependencies.clock());
        this.put = new PutObjectHandler(access, components.ingest(), components.writer(), components.lookup(), components.keys(), dependencies.clock(), expiration);
        this.get = new GetObjectHandler(access, components.lookup(), components.content(), components.keys(), dependencies.clock(), expiration);
        this.delete = new DeleteObjectHandler(access, deleter);
        this.deleteMany = new DeleteObjectsHandler(access, deleter, xml);
        this.copy = new CopyObjectHandler(access, components.copySources(), components.content(), components.ingest(), components.writer(), components.keys(), xml, dependencies.clock());
        this.tagging = new ObjectTaggingHandler(access, components.lookup(), components.writer(), xml);
        this.restore = new RestoreObjectHandler(access, components.writer(), xml, dependencies.clock(), restoreDelay);
    }

    ObjectComponents components()
    {
        return components;
    }

    /** PutObject's handler, which browser form uploads write through. */
    PutObjectHandler putHandler()
    {
        return put;
    }

    public ServiceResponse putObject(ServiceRequest request)
    {
        return put.handle(request);
    }

    public ServiceResponse getObject(ServiceRequest request)
    {
        return get.handle(request, false);
    }

    public ServiceResponse headObject(ServiceRequest request)
    {
        return get.handle(request, true);
    }

    public ServiceResponse deleteObject(ServiceRequest request)
    {
        return delete.handle(request);
    }

    public ServiceResponse deleteObjects(ServiceRequest request)
    {
        return deleteMany.handle(request);
    }

    public ServiceResponse copyObject(ServiceRequest request)
    {
        return copy.handle(request);
    }

    public ServiceResponse getObjectTagging(ServiceRequest request)
    {
        return tagging.get(request);
    }

    public ServiceResponse putObjectTagging(ServiceRequest request)
    {
        return tagging.put(request);
    }

    public ServiceResponse deleteObjectTagging(ServiceRequest request)
    {
        return tagging.delete(request);
    }

    public ServiceResponse restoreObject(ServiceRequest request)
    {
        return restore.handle(request);
    }
}
