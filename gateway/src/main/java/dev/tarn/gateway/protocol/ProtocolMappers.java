package dev.tarn.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Jackson mappers configured for AWS member naming: Java record components in camelCase map to
 * AWS's UpperCamelCase members ({@code userName} is {@code UserName}); absent members are omitted.
 */
public final class ProtocolMappers
{
    private ProtocolMappers() {}

    /** JSON protocol: timestamps as epoch seconds, as the JSON protocols send them. */
    public static ObjectMapper json()
    {
        return awsNaming(JsonMapper.builder(), true).build();
    }

    /** CBOR variant of the JSON protocol (Kinesis clients use it). */
    public static ObjectMapper cbor()
    {
        return awsNaming(CBORMapper.builder(), true).build();
    }

    /** Query protocol: a tree of form parameters in, XML out; timestamps as ISO 8601. */
    public static ObjectMapper query()
    {
        return awsNaming(JsonMapper.builder(), false)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .build();
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B awsNaming(B builder, boolean timestampsAsEpochSeconds)
    {
        builder.propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_ABSENT)
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module());
        if (timestampsAsEpochSeconds) {
            builder.enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        }
        else {
            builder.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        }
        return builder;
    }
}
