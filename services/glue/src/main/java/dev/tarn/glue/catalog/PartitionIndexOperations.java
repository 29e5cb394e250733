package dev.tarn.glue.catalog;

import dev.tarn.glue.GlueContext;
import dev.tarn.glue.GlueErrors;
import dev.tarn.glue.GlueStore;
import dev.tarn.glue.Ids;
import dev.tarn.glue.Paging;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.Table;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.storage.meta.MetadataTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.tarn.glue.GlueContext.catalogId;
import static dev.tarn.glue.GlueContext.required;
import static java.util.Objects.requireNonNull;

/**
 * CreatePartitionIndex, GetPartitionIndexes, DeletePartitionIndex. Partition lookups here are
 * ordered scans of the table's partitions whatever the indexes, so an index is ACTIVE at once.
 */
public final class PartitionIndexOperations
{
    private static final int MAX_INDEXES = 3;

    private final GlueContext glue;

    public PartitionIndexOperations(GlueContext glue)
    {
        this.glue = requireNonNull(glue, "glue is null");
    }

    public record PartitionIndex(List<String> keys, String indexName) {}

    public record CreatePartitionIndexRequest(Optional<String> catalogId, String databaseName, String tableName, PartitionIndex partitionIndex) {}

    public record GetPartitionIndexesRequest(Optional<String> catalogId, String databaseName, String tableName, Optional<String> nextToken) {}

    public record KeySchemaElement(String name, String type) {}

    public record PartitionIndexDescriptor(String indexName, List<KeySchemaElement> keys, String indexStatus) {}

    public record GetPartitionIndexesResponse(List<PartitionIndexDescriptor> partitionIndexDescriptorList, Optional<String> nextToken) {}

    public record DeletePartitionIndexRequest(Optional<String> catalogId, String databaseName, String tableName, String indexName) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreatePartitionIndex", CreatePartitionIndexRequest.class, this::create));
        registry.operation(new ActionOperation<>("GetPartitionIndexes", GetPartitionIndexesRequest.class, this::list));
        registry.operation(new ActionOperation<>("DeletePartitionIndex", DeletePartitionIndexRequest.class, this::delete));
    }

    Void create(RequestContext context, CreatePartitionIndexRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        String tableName = Catalog.name("Table", request.tableName());
        PartitionIndex index = required("PartitionIndex", request.partitionIndex());
        String indexName = required("IndexName", index.indexName());
        List<String> keys = required("Keys", index.keys());
        glue.access().onTable(context, "CreatePartitionIndex", catalogId, database, tableName);
        glue.catalog().metadata().write(transaction -> {
            createIndex(transaction, glue.catalog().requireTable(transaction, catalogId, database, tableName), indexName, keys);
            return null;
        });
        return null;
    }

    /** Adds an index to a table, in the caller's transaction (CreatePartitionIndex, or CreateTable with PartitionIndexes). */
    void createIndex(MetadataTransaction transaction, Table table, String indexName, List<String> keys)
    {
        if (keys.isEmpty()) {
            throw GlueErrors.invalidInput("An index needs at least one key.");
        }
        List<KeySchemaElement> elements = new ArrayList<>();
        for (String key : keys) {
            Column column = table.partitionKeys().stream().filter(c -> c.name().equalsIgnoreCase(key)).findFirst()
                    .orElseThrow(() -> GlueErrors.invalidInput("Key " + key + " is not a partition key of the table."));
            elements.add(new KeySchemaElement(column.name(), column.type()));
        }
        String prefix = Catalog.tableId(table.catalogId(), table.databaseName(), table.name()) + "/";
        if (glue.catalog().store().get(transaction, GlueStore.PARTITION_INDEXES, prefix + Ids.part(indexName), PartitionIndexDescriptor.class).isPresent()) {
            throw GlueErrors.ALREADY_EXISTS.exception("Partition index " + indexName + " already exists.");
        }
        if (glue.catalog().store().documents(transaction, GlueStore.PARTITION_INDEXES, prefix, Optional.empty(), MAX_INDEXES).size() >= MAX_INDEXES) {
            throw GlueErrors.RESOURCE_NUMBER_LIMIT_EXCEEDED.exception("A table can have at most " + MAX_INDEXES + " partition indexes.");
        }
        glue.catalog().store().put(transaction, GlueStore.PARTITION_INDEXES, prefix + Ids.part(indexName), new PartitionIndexDescriptor(indexName, elements, "ACTIVE"));
    }

    GetPartitionIndexesResponse list(RequestContext context, GetPartitionIndexesRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        String tableName = Catalog.name("Table", request.tableName());
        glue.access().onTable(context, "GetPartitionIndexes", catalogId, database, tableName);
        Optional<String> after = Paging.after(request.nextToken());
        List<PartitionIndexDescriptor> indexes = glue.catalog().metadata().read(reader -> {
            glue.catalog().requireTable(reader, catalogId, database, tableName);
            return glue.catalog().store().list(reader, GlueStore.PARTITION_INDEXES, Catalog.tableId(catalogId, database, tableName) + "/", after, 100,
                    PartitionIndexDescriptor.class);
        });
        return new GetPartitionIndexesResponse(indexes, Optional.empty());
    }

    Void delete(RequestContext context, DeletePartitionIndexRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        String tableName = Catalog.name("Table", request.tableName());
        String indexName = required("IndexName", request.indexName());
        glue.access().onTable(context, "DeletePartitionIndex", catalogId, database, tableName);
        glue.catalog().metadata().write(transaction -> {
            glue.catalog().requireTable(transaction, catalogId, database, tableName);
            if (!glue.catalog().store().delete(transaction, GlueStore.PARTITION_INDEXES, Catalog.tableId(catalogId, database, tableName) + "/" + Ids.part(indexName))) {
                throw GlueErrors.notFound("Partition index " + indexName + " not found.");
            }
            return null;
        });
        return null;
    }
}
