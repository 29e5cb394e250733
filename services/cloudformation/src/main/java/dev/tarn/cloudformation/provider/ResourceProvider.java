package dev.tarn.cloudformation.provider;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * How stacks create, update and delete one resource type. A provider acts through the service's
 * own API (see {@link ServiceClient}), as the stack's caller, so the caller's permissions and the
 * service's behaviour are the real ones. Each service contributes the providers of its types.
 */
public interface ResourceProvider
{
    /** The resource type, such as {@code AWS::S3::Bucket}. */
    String type();

    /** The properties a template may give. */
    Set<String> properties();

    /** The properties whose change replaces the resource (a new one is created, the old one deleted). */
    Set<String> replacementProperties();

    /** The attributes Fn::GetAtt may ask for. */
    Set<String> attributes();

    /** Creates the resource; a failure leaves nothing behind (or leaves what delete then removes). */
    ProvisionedResource create(ResourceRequest request);

    /** Changes a resource in place to the new properties; only called when no replacement property changed. */
    ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previousProperties);

    /** Deletes the resource; one that is already gone is not an error. */
    void delete(ResourceRequest request, ProvisionedResource current);
}
