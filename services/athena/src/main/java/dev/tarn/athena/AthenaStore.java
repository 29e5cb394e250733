package dev.tarn.athena;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.gateway.protocol.ProtocolMappers;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Athena's state as metadata documents, in the JSON the API speaks. Every id starts with the
 * owning account:
 * <ul>
 * <li>{@code athena.work-groups}: {@code <account>/<name>}</li>
 * <li>{@code athena.named-queries}: {@code <account>/<id>}</li>
 * <li>{@code athena.prepared-statements}: {@code <account>/<work group>/<name>}</li>
 * <li>{@code athena.data-catalogs}: {@code <account>/<name>}</li>
 * <li>{@code athena.query-executions}: {@code <account>/<id>}</li>
 * <li>{@code athena.query-history}: {@code <account>/<work group>/<newest-first key>/<id>}, the listing order of ListQueryExecutions</li>
 * <li>{@code athena.active-queries}: {@code <account>/<id>} of queries not yet finished, so a restart finds them without a scan</li>
 * <li>{@code athena.request-tokens}: {@code <account>/<ClientRequestToken>} of StartQueryExecution and CreateNamedQuery</li>
 * </ul>
 */
public final class AthenaStore
{
    public static final String WORK_GROUPS = "athena.work-groups";
    public static final String NAMED_QUERIES = "athena.named-queries";
    public static final String PREPARED_STATEMENTS = "athena.prepared-statements";
    public static final String DATA_CATALOGS = "athena.data-catalogs";
    public static final String QUERY_EXECUTIONS = "athena.query-executions";
    public static final String QUERY_HISTORY = "athena.query-history";
    public static final String ACTIVE_QUERIES = "athena.active-queries";
    public static final String REQUEST_TOKENS = "athena.request-tokens";

    private final MetadataStore metadata;
    private final ObjectMapper mapper = ProtocolMappers.json();

    public AthenaStore(MetadataStore metadata)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
    }

    public MetadataStore metadata()
    {
        return metadata;
    }

    public <T> Optional<T> get(MetadataReader reader, String collection, String id, Class<T> type)
    {
        return reader.document(collection, id).map(document -> read(document, type));
    }

    public <T> Optional<T> get(String collection, String id, Class<T> type)
    {
        return metadata.read(reader -> get(reader, collection, id, type));
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
