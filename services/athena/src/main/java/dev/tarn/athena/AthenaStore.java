package dev.tarn.athena;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.glue.GlueStore;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;

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
 * Documents are encoded as Glue's are ({@link GlueStore}: the JSON protocol's mapper), so both
 * services' state reads the same way.
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
    private final GlueStore documents = new GlueStore();

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
        return documents.get(reader, collection, id, type);
    }

    public <T> Optional<T> get(String collection, String id, Class<T> type)
    {
        return metadata.read(reader -> get(reader, collection, id, type));
    }

    public void put(MetadataTransaction transaction, String collection, String id, Object value)
    {
        documents.put(transaction, collection, id, value);
    }

    public boolean delete(MetadataTransaction transaction, String collection, String id)
    {
        return documents.delete(transaction, collection, id);
    }

    public <T> T read(StoredDocument document, Class<T> type)
    {
        return documents.read(document, type);
    }

    public ObjectMapper mapper()
    {
        return documents.mapper();
    }
}
