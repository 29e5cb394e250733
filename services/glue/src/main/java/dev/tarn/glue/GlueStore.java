package dev.tarn.glue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.gateway.protocol.ProtocolMappers;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;

import java.util.List;
import java.util.Optional;

/**
 * The catalog and crawler state as metadata documents, in the same JSON the API speaks. Ids
 * order children after their parents ({@link Ids}):
 * <ul>
 * <li>{@code glue.databases}: {@code <catalog>/<db>}</li>
 * <li>{@code glue.tables}: {@code <catalog>/<db>/<table>}</li>
 * <li>{@code glue.table-versions}: {@code <catalog>/<db>/<table>/<version, zero-padded>}</li>
 * <li>{@code glue.partitions}: {@code <catalog>/<db>/<table>/<values>}</li>
 * <li>{@code glue.partition-indexes}: {@code <catalog>/<db>/<table>/<index>}</li>
 * <li>{@code glue.column-statistics}: {@code <catalog>/<db>/<table>/<values or empty>/<column>}</li>
 * <li>{@code glue.crawlers}, {@code glue.classifiers}: {@code <account>/<name>}</li>
 * <li>{@code glue.crawls}: {@code <account>/<crawler>/<start millis, zero-padded>}</li>
 * </ul>
 */
public final class GlueStore
{
    public static final String DATABASES = "glue.databases";
    public static final String TABLES = "glue.tables";
    public static final String TABLE_VERSIONS = "glue.table-versions";
    public static final String PARTITIONS = "glue.partitions";
    public static final String PARTITION_INDEXES = "glue.partition-indexes";
    public static final String COLUMN_STATISTICS = "glue.column-statistics";
    public static final String CRAWLERS = "glue.crawlers";
    public static final String CRAWLS = "glue.crawls";
    public static final String CLASSIFIERS = "glue.classifiers";

    private final ObjectMapper mapper = ProtocolMappers.json();

    public <T> Optional<T> get(MetadataReader reader, String collection, String id, Class<T> type)
    {
        return reader.document(collection, id).map(document -> read(document, type));
    }

    public <T> List<T> list(MetadataReader reader, String collection, String prefix, Optional<String> afterId, int limit, Class<T> type)
    {
        return reader.documents(collection, prefix, afterId, limit).stream().map(document -> read(document, type)).toList();
    }

    public List<StoredDocument> documents(MetadataReader reader, String collection, String prefix, Optional<String> afterId, int limit)
    {
        return reader.documents(collection, prefix, afterId, limit);
    }

    public void put(MetadataTransaction transaction, String collection, String id, Object value)
    {
        transaction.putDocument(new StoredDocument(collection, id, write(value)));
    }

    public boolean delete(MetadataTransaction transaction, String collection, String id)
    {
        return transaction.deleteDocument(collection, id);
    }

    /** Deletes every document of a collection whose id starts with {@code prefix}; returns how many. */
    public int deleteAll(MetadataTransaction transaction, String collection, String prefix)
    {
        int deleted = 0;
        List<StoredDocument> page;
        while (!(page = transaction.documents(collection, prefix, Optional.empty(), 1000)).isEmpty()) {
            for (StoredDocument document : page) {
                transaction.deleteDocument(collection, document.id());
                deleted++;
            }
        }
        return deleted;
    }

    public <T> T read(StoredDocument document, Class<T> type)
    {
        try {
            return mapper.readValue(document.body(), type);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + document.collection() + " document " + document.id(), e);
        }
    }

    public String write(Object value)
    {
        try {
            return mapper.writeValueAsString(value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public ObjectMapper mapper()
    {
        return mapper;
    }
}
