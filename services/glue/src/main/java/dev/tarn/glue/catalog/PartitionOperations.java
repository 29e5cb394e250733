package dev.tarn.glue.catalog;

import dev.tarn.glue.GlueContext;
import dev.tarn.glue.GlueErrors;
import dev.tarn.glue.GlueStore;
import dev.tarn.glue.Ids;
import dev.tarn.glue.Paging;
import dev.tarn.glue.model.ErrorDetail;
import dev.tarn.glue.model.Partition;
import dev.tarn.glue.model.PartitionInput;
import dev.tarn.glue.model.Table;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.StoredDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static dev.tarn.glue.GlueContext.catalogId;
import static dev.tarn.glue.GlueContext.required;
import static java.util.Objects.requireNonNull;

/**
 * Partitions: Create, BatchCreate, Get, GetPartitions (with the Expression filter and
 * segments), BatchGet, Update, BatchUpdate, Delete, BatchDelete. A batch applies each entry on
 * its own and reports the entries that failed.
 */
public final class PartitionOperations
{
    private static final int SCAN_PAGE = 1000;

    private final GlueContext glue;

    public PartitionOperations(GlueContext glue)
    {
        this.glue = requireNonNull(glue, "glue is null");
    }

    public record CreatePartitionRequest(Optional<String> catalogId, String databaseName, String tableName, PartitionInput partitionInput) {}

    public record BatchCreatePartitionRequest(Optional<String> catalogId, String databaseName, String tableName, List<PartitionInput> partitionInputList) {}

    public record PartitionError(List<String> partitionValues, ErrorDetail errorDetail) {}

    public record PartitionErrorsResponse(List<PartitionError> errors) {}

    public record PartitionRequest(Optional<String> catalogId, String databaseName, String tableName, List<String> partitionValues) {}

    public record GetPartitionResponse(Partition partition) {}

    public record Segment(int segmentNumber, int totalSegments) {}

    public record GetPartitionsRequest(Optional<String> catalogId, String databaseName, String tableName, Optional<String> expression,
            Optional<String> nextToken, Optional<Segment> segment, Optional<Integer> maxResults, Optional<Boolean> excludeColumnSchema) {}

    public record GetPartitionsResponse(List<Partition> partitions, Optional<String> nextToken) {}

    public record PartitionValueList(List<String> values) {}

    public record BatchGetPartitionRequest(Optional<String> catalogId, String databaseName, String tableName, List<PartitionValueList> partitionsToGet) {}

    public record BatchGetPartitionResponse(List<Partition> partitions, List<PartitionValueList> unprocessedKeys) {}

    public record UpdatePartitionRequest(Optional<String> catalogId, String databaseName, String tableName, List<String> partitionValueList,
            PartitionInput partitionInput) {}

    public record BatchUpdatePartitionEntry(List<String> partitionValueList, PartitionInput partitionInput) {}

    public record BatchUpdatePartitionRequest(Optional<String> catalogId, String databaseName, String tableName, List<BatchUpdatePartitionEntry> entries) {}

    public record BatchUpdatePartitionFailure(List<String> partitionValueList, ErrorDetail errorDetail) {}

    public record BatchUpdatePartitionResponse(List<BatchUpdatePartitionFailure> errors) {}

    public record BatchDeletePartitionRequest(Optional<String> catalogId, String databaseName, String tableName, List<PartitionValueList> partitionsToDelete) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreatePartition", CreatePartitionRequest.class, this::createPartition));
        registry.operation(new ActionOperation<>("BatchCreatePartition", BatchCreatePartitionRequest.class, this::batchCreatePartition));
        registry.operation(new ActionOperation<>("GetPartition", PartitionRequest.class, this::getPartition));
        registry.operation(new ActionOperation<>("GetPartitions", GetPartitionsRequest.class, this::getPartitions));
        registry.operation(new ActionOperation<>("BatchGetPartition", BatchGetPartitionRequest.class, this::batchGetPartition));
        registry.operation(new ActionOperation<>("UpdatePartition", UpdatePartitionRequest.class, this::updatePartition));
        registry.operation(new ActionOperation<>("BatchUpdatePartition", BatchUpdatePartitionRequest.class, this::batchUpdatePartition));
        registry.operation(new ActionOperation<>("DeletePartition", PartitionRequest.class, this::deletePartition));
        registry.operation(new ActionOperation<>("BatchDeletePartition", BatchDeletePartitionRequest.class, this::batchDeletePartition));
    }

    private record TableRef(String catalogId, String database, String table) {}

    private TableRef authorize(RequestContext context, String operation, Optional<String> catalogId, String database, String table)
    {
        TableRef ref = new TableRef(catalogId(context, catalogId), Catalog.name("Database", database), Catalog.name("Table", table));
        glue.access().onTable(context, operation, ref.catalogId(), ref.database(), ref.table());
        return ref;
    }

    private Table table(MetadataReader reader, TableRef ref)
    {
        return glue.catalog().requireTable(reader, ref.catalogId(), ref.database(), ref.table());
    }

    Void createPartition(RequestContext context, CreatePartitionRequest request)
    {
        TableRef ref = authorize(context, "CreatePartition", request.catalogId(), request.databaseName(), request.tableName());
        PartitionInput input = required("PartitionInput", request.partitionInput());
        glue.catalog().metadata().write(transaction -> glue.catalog().createPartition(transaction, table(transaction, ref), input));
        return null;
    }

    PartitionErrorsResponse batchCreatePartition(RequestContext context, BatchCreatePartitionRequest request)
    {
        TableRef ref = authorize(context, "BatchCreatePartition", request.catalogId(), request.databaseName(), request.tableName());
        List<PartitionInput> inputs = required("PartitionInputList", request.partitionInputList());
        if (inputs.size() > 100) {
            throw GlueErrors.invalidInput("PartitionInputList must have at most 100 partitions");
        }
        List<PartitionError> errors = glue.catalog().metadata().write(transaction -> {
            Table table = table(transaction, ref);
            List<PartitionError> failed = new ArrayList<>();
            for (PartitionInput input : inputs) {
                try {
                    glue.catalog().createPartition(transaction, table, input);
                }
                catch (AwsException e) {
                    failed.add(new PartitionError(input.values(), ErrorDetail.of(e)));
                }
            }
            return failed;
        });
        return new PartitionErrorsResponse(errors);
    }

    GetPartitionResponse getPartition(RequestContext context, PartitionRequest request)
    {
        TableRef ref = authorize(context, "GetPartition", request.catalogId(), request.databaseName(), request.tableName());
        List<String> values = required("PartitionValues", request.partitionValues());
        return new GetPartitionResponse(glue.catalog().metadata().read(reader -> glue.catalog().requirePartition(reader, table(reader, ref), values)));
    }

    GetPartitionsResponse getPartitions(RequestContext context, GetPartitionsRequest request)
    {
        TableRef ref = authorize(context, "GetPartitions", request.catalogId(), request.databaseName(), request.tableName());
        int limit = Paging.limit(request.maxResults(), 1000, 1000);
        Optional<String> after = Paging.after(request.nextToken());
        request.segment().ifPresent(segment -> {
            if (segment.totalSegments() < 1 || segment.totalSegments() > 10 || segment.segmentNumber() < 0 || segment.segmentNumber() >= segment.totalSegments()) {
                throw GlueErrors.invalidInput("Invalid Segment");
            }
        });
        boolean excludeColumns = request.excludeColumnSchema().orElse(false);
        List<Partition> found = glue.catalog().metadata().read(reader -> {
            Table table = table(reader, ref);
            Predicate<List<String>> expression = PartitionFilter.parse(request.expression().orElse(""), table.partitionKeys());
            Predicate<Partition> inSegment = request.segment()
                    .<Predicate<Partition>>map(segment -> partition -> Math.floorMod(partition.values().hashCode(), segment.totalSegments()) == segment.segmentNumber())
                    .orElse(partition -> true);
            List<Partition> matches = new ArrayList<>();
            String prefix = Catalog.tableId(ref.catalogId(), table.databaseName(), table.name()) + "/";
            Optional<String> cursor = after;
            while (matches.size() <= limit) {
                List<StoredDocument> page = glue.catalog().store().documents(reader, GlueStore.PARTITIONS, prefix, cursor, SCAN_PAGE);
                for (StoredDocument document : page) {
                    Partition partition = glue.catalog().store().read(document, Partition.class);
                    if (matches.size() <= limit && inSegment.test(partition) && expression.test(partition.values())) {
                        matches.add(excludeColumns ? partition.withoutColumns() : partition);
                    }
                }
                if (page.size() < SCAN_PAGE) {
                    break;
                }
                cursor = Optional.of(page.get(page.size() - 1).id());
            }
            return matches;
        });
        Paging.Page<Partition> page = Paging.Page.of(found, limit, partition -> Catalog.tableId(ref.catalogId(), partition.databaseName(), partition.tableName())
                + "/" + Ids.values(partition.values()));
        return new GetPartitionsResponse(page.items(), page.nextToken());
    }

    BatchGetPartitionResponse batchGetPartition(RequestContext context, BatchGetPartitionRequest request)
    {
        TableRef ref = authorize(context, "BatchGetPartition", request.catalogId(), request.databaseName(), request.tableName());
        List<PartitionValueList> wanted = required("PartitionsToGet", request.partitionsToGet());
        if (wanted.size() > 1000) {
            throw GlueErrors.invalidInput("PartitionsToGet must have at most 1000 entries");
        }
        List<Partition> partitions = glue.catalog().metadata().read(reader -> {
            Table table = table(reader, ref);
            List<Partition> found = new ArrayList<>();
            for (PartitionValueList values : wanted) {
                if (values.values() != null && values.values().size() == table.partitionKeys().size()) {
                    glue.catalog().partition(reader, table, values.values()).ifPresent(found::add);
                }
            }
            return found;
        });
        return new BatchGetPartitionResponse(partitions, List.of());
    }

    Void updatePartition(RequestContext context, UpdatePartitionRequest request)
    {
        TableRef ref = authorize(context, "UpdatePartition", request.catalogId(), request.databaseName(), request.tableName());
        List<String> values = required("PartitionValueList", request.partitionValueList());
        PartitionInput input = required("PartitionInput", request.partitionInput());
        glue.catalog().metadata().write(transaction -> {
            glue.catalog().updatePartition(transaction, table(transaction, ref), values, input);
            return null;
        });
        return null;
    }

    BatchUpdatePartitionResponse batchUpdatePartition(RequestContext context, BatchUpdatePartitionRequest request)
    {
        TableRef ref = authorize(context, "BatchUpdatePartition", request.catalogId(), request.databaseName(), request.tableName());
        List<BatchUpdatePartitionEntry> entries = required("Entries", request.entries());
        if (entries.size() > 100) {
            throw GlueErrors.invalidInput("Entries must have at most 100 entries");
        }
        List<BatchUpdatePartitionFailure> errors = glue.catalog().metadata().write(transaction -> {
            Table table = table(transaction, ref);
            List<BatchUpdatePartitionFailure> failed = new ArrayList<>();
            for (BatchUpdatePartitionEntry entry : entries) {
                try {
                    glue.catalog().updatePartition(transaction, table, required("PartitionValueList", entry.partitionValueList()),
                            required("PartitionInput", entry.partitionInput()));
                }
                catch (AwsException e) {
                    failed.add(new BatchUpdatePartitionFailure(entry.partitionValueList(), ErrorDetail.of(e)));
                }
            }
            return failed;
        });
        return new BatchUpdatePartitionResponse(errors);
    }

    Void deletePartition(RequestContext context, PartitionRequest request)
    {
        TableRef ref = authorize(context, "DeletePartition", request.catalogId(), request.databaseName(), request.tableName());
        List<String> values = required("PartitionValues", request.partitionValues());
        glue.catalog().metadata().write(transaction -> {
            glue.catalog().deletePartition(transaction, table(transaction, ref), values);
            return null;
        });
        return null;
    }

    PartitionErrorsResponse batchDeletePartition(RequestContext context, BatchDeletePartitionRequest request)
    {
        TableRef ref = authorize(context, "BatchDeletePartition", request.catalogId(), request.databaseName(), request.tableName());
        List<PartitionValueList> toDelete = required("PartitionsToDelete", request.partitionsToDelete());
        if (toDelete.size() > 25) {
            throw GlueErrors.invalidInput("PartitionsToDelete must have at most 25 entries");
        }
        List<PartitionError> errors = glue.catalog().metadata().write(transaction -> {
            Table table = table(transaction, ref);
            List<PartitionError> failed = new ArrayList<>();
            for (PartitionValueList values : toDelete) {
                try {
                    glue.catalog().deletePartition(transaction, table, required("Values", values.values()));
                }
                catch (AwsException e) {
                    failed.add(new PartitionError(values.values(), ErrorDetail.of(e)));
                }
            }
            return failed;
        });
        return new PartitionErrorsResponse(errors);
    }
}
