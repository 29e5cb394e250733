package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** What intrinsic functions need to know about the stack's resources and the region's exports. */
public interface ResourceReferences
{
    /** The value {@code Ref} gives for the resource, or empty when the name is not a resource of the stack. */
    Optional<JsonNode> ref(String logicalId);

    /**
     * The value of {@code Fn::GetAtt} for the resource, or empty when the name is not a resource
     * of the stack; fails with a ValidationError when it has no such attribute.
     */
    Optional<JsonNode> attribute(String logicalId, String attribute);

    /** The value of an export of another stack in the same account and region. */
    Optional<String> exportValue(String exportName);
}
