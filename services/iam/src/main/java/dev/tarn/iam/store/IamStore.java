package dev.tarn.iam.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tarn.storage.meta.MetadataStore;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * IAM's entities as JSON documents of the metadata store. Every write moves the generation on,
 * so that what is derived from the entities (parsed policies per principal, credentials) can be
 * cached and dropped as soon as anything changes.
 */
public final class IamStore
{
    private final MetadataStore metadata;
    private final ObjectMapper json;
    private final AtomicLong generation = new AtomicLong();

    public IamStore(MetadataStore metadata)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .build();
    }

    public <T> T read(Function<IamReader, T> reads)
    {
        return metadata.read(reader -> reads.apply(new IamReader(reader, json)));
    }

    public <T> T write(Function<IamWriter, T> writes)
    {
        try {
            return metadata.write(transaction -> writes.apply(new IamWriter(transaction, json)));
        }
        finally {
            generation.incrementAndGet();
        }
    }

    /** A write that changes nothing derived from IAM's entities (an access key's last use): caches stay valid. */
    public <T> T writeQuietly(Function<IamWriter, T> writes)
    {
        return metadata.write(transaction -> writes.apply(new IamWriter(transaction, json)));
    }

    /** Moves on after every write (committed or not); a value derived at one generation is stale at any other. */
    public long generation()
    {
        return generation.get();
    }
}
