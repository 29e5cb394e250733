package dev.tarn.cloudformation.provider;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A resource as it exists: the physical id (what {@code Ref} returns) and the values of its
 * Fn::GetAtt attributes.
 */
public record ProvisionedResource(String physicalId, Map<String, String> attributes)
{
    public ProvisionedResource
    {
        requireNonNull(physicalId, "physicalId is null");
        attributes = Map.copyOf(attributes);
    }
}
