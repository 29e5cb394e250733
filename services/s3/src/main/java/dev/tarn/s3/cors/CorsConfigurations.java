package dev.tarn.s3.cors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.s3.security.BucketConfigurationStore;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;

import java.io.UncheckedIOException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Where a bucket's CORS rules are kept: its "cors" configuration, as the JSON of the validated document. */
public final class CorsConfigurations
{
    /** The name of the configuration in {@link BucketRecord#configurations()}. */
    public static final String CORS = "cors";

    private final MetadataStore metadata;
    private final ObjectMapper json = new ObjectMapper();

    public CorsConfigurations(MetadataStore metadata)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
    }

    public Optional<CorsConfiguration> of(BucketRecord bucket)
    {
        return bucket.configuration(CORS).map(this::decode);
    }

    /** The rules of a bucket, read on their own (for responses to requests that carry an Origin). */
    public Optional<CorsConfiguration> of(String bucket)
    {
        return metadata.read(reader -> reader.bucket(bucket)).flatMap(this::of);
    }

    public void store(String bucket, Optional<CorsConfiguration> configuration)
    {
        BucketConfigurationStore.store(metadata, bucket, CORS, configuration.map(this::encode));
    }

    private String encode(CorsConfiguration configuration)
    {
        try {
            return json.writeValueAsString(configuration.toDocument());
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stored rules were validated when they were put; they are validated again as they are read back. */
    private CorsConfiguration decode(String stored)
    {
        try {
            return CorsConfiguration.validated(json.readValue(stored, CorsDocument.class));
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
