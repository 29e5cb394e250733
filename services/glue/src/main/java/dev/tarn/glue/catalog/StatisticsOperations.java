package dev.tarn.glue.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.glue.GlueContext;
import dev.tarn.glue.GlueErrors;
import dev.tarn.glue.GlueStore;
import dev.tarn.glue.Ids;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.ErrorDetail;
import dev.tarn.glue.model.Table;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.storage.meta.MetadataReader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.tarn.glue.GlueContext.catalogId;
import static dev.tarn.glue.GlueContext.required;
import static java.util.Objects.requireNonNull;

/**
 * Column statistics of tables and partitions (Get, Update, Delete for each). Statistics are
 * kept as given, per column; a column must exist in the table (or partition) schema.
 */
public final class StatisticsOperations
{
    private final GlueContext glue;

    public StatisticsOperations(GlueContext glue)
    {
        this.glue = requireNonNull(glue, "glue is null");
    }

    public record ColumnStatistics(String columnName, String columnType, Instant analyzedTime, JsonNode statisticsData) {}

    public record GetStatisticsRequest(Optional<String> catalogId, String databaseName, String tableName, Optional<List<String>> partitionValues,
            List<String> columnNames) {}

    public record ColumnError(String columnName, ErrorDetail error) {}

    public record GetStatisticsResponse(List<ColumnStatistics> columnStatisticsList, List<ColumnError> errors) {}

    public record UpdateStatisticsRequest(Optional<String> catalogId, String databaseName, String tableName, Optional<List<String>> partitionValues,
            List<ColumnStatistics> columnStatisticsList) {}

    public record ColumnStatisticsError(ColumnStatistics columnStatistics, ErrorDetail error) {}

    public record UpdateStatisticsResponse(List<ColumnStatisticsError> errors) {}

    public record DeleteStatisticsRequest(Optional<String> catalogId, String databaseName, String tableName, Optional<List<String>> partitionValues,
            String columnName) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("GetColumnStatisticsForTable", GetStatisticsRequest.class, (c, r) -> get(c, r, false)));
        registry.operation(new ActionOperation<>("GetColumnStatisticsForPartition", GetStatisticsRequest.class, (c, r) -> get(c, r, true)));
        registry.operation(new ActionOperation<>("UpdateColumnStatisticsForTable", UpdateStatisticsRequest.class, (c, r) -> update(c, r, false)));
        registry.operation(new ActionOperation<>("UpdateColumnStatisticsForPartition", UpdateStatisticsRequest.class, (c, r) -> update(c, r, true)));
        registry.operation(new ActionOperation<>("DeleteColumnStatisticsForTable", DeleteStatisticsRequest.class, (c, r) -> delete(c, r, false)));
        registry.operation(new ActionOperation<>("DeleteColumnStatisticsForPartition", DeleteStatisticsRequest.class, (c, r) -> delete(c, r, true)));
    }

    private record Target(String catalogId, String database, String table, String operation) {}

    private Target target(RequestContext context, String operation, boolean partition, Optional<String> catalogId, String database, String table)
    {
        String name = operation + (partition ? "ForPartition" : "ForTable");
        Target target = new Target(catalogId(context, catalogId), Catalog.name("Database", database), Catalog.name("Table", table), name);
        glue.access().onTable(context, name, target.catalogId(), target.database(), target.table());
        return target;
    }

    /** The columns statistics may be kept for, and the id prefix of their documents. */
    private record Scope(List<Column> columns, String prefix) {}

    private Scope scope(MetadataReader reader, Target target, boolean partition, Optional<List<String>> partitionValues)
    {
        Table table = glue.catalog().requireTable(reader, target.catalogId(), target.database(), target.table());
        String tableId = Catalog.tableId(target.catalogId(), table.databaseName(), table.name());
        if (!partition) {
            return new Scope(table.storageDescriptor().map(sd -> sd.columns()).orElse(List.of()), tableId + "//");
        }
        List<String> values = partitionValues.orElseThrow(() -> GlueErrors.invalidInput("PartitionValues is required"));
        var found = glue.catalog().requirePartition(reader, table, values);
        List<Column> columns = found.storageDescriptor().map(sd -> sd.columns()).filter(list -> !list.isEmpty())
                .orElse(table.storageDescriptor().map(sd -> sd.columns()).orElse(List.of()));
        return new Scope(columns, tableId + "/" + Ids.part(Ids.values(values)) + "/");
    }

    GetStatisticsResponse get(RequestContext context, GetStatisticsRequest request, boolean partition)
    {
        Target target = target(context, "GetColumnStatistics", partition, request.catalogId(), request.databaseName(), request.tableName());
        List<String> names = required("ColumnNames", request.columnNames());
        if (names.size() > 100) {
            throw GlueErrors.invalidInput("ColumnNames must have at most 100 names");
        }
        return glue.catalog().metadata().read(reader -> {
            Scope scope = scope(reader, target, partition, request.partitionValues());
            List<ColumnStatistics> found = new ArrayList<>();
            List<ColumnError> errors = new ArrayList<>();
            for (String name : names) {
                Optional<ColumnStatistics> statistics = glue.catalog().store().get(reader, GlueStore.COLUMN_STATISTICS, scope.prefix() + Ids.part(name),
                        ColumnStatistics.class);
                if (statistics.isPresent()) {
                    found.add(statistics.get());
                }
                else {
                    errors.add(new ColumnError(name, new ErrorDetail(GlueErrors.ENTITY_NOT_FOUND.code(), "Statistics for column " + name + " not found.")));
                }
            }
            return new GetStatisticsResponse(found, errors);
        });
    }

    UpdateStatisticsResponse update(RequestContext context, UpdateStatisticsRequest request, boolean partition)
    {
        Target target = target(context, "UpdateColumnStatistics", partition, request.catalogId(), request.databaseName(), request.tableName());
        List<ColumnStatistics> statistics = required("ColumnStatisticsList", request.columnStatisticsList());
        if (statistics.size() > 25) {
            throw GlueErrors.invalidInput("ColumnStatisticsList must have at most 25 entries");
        }
        return glue.catalog().metadata().write(transaction -> {
            Scope scope = scope(transaction, target, partition, request.partitionValues());
            List<ColumnStatisticsError> errors = new ArrayList<>();
            for (ColumnStatistics entry : statistics) {
                if (entry.columnName() == null || scope.columns().stream().noneMatch(column -> column.name().equalsIgnoreCase(entry.columnName()))) {
                    errors.add(new ColumnStatisticsError(entry, new ErrorDetail(GlueErrors.INVALID_INPUT.code(),
                            "Column " + entry.columnName() + " is not in the schema.")));
                    continue;
                }
                if (entry.statisticsData() == null || !entry.statisticsData().has("Type")) {
                    errors.add(new ColumnStatisticsError(entry, new ErrorDetail(GlueErrors.INVALID_INPUT.code(), "StatisticsData.Type is required.")));
                    continue;
                }
                glue.catalog().store().put(transaction, GlueStore.COLUMN_STATISTICS, scope.prefix() + Ids.part(entry.columnName()), entry);
            }
            return new UpdateStatisticsResponse(errors);
        });
    }

    Void delete(RequestContext context, DeleteStatisticsRequest request, boolean partition)
    {
        Target target = target(context, "DeleteColumnStatistics", partition, request.catalogId(), request.databaseName(), request.tableName());
        String column = required("ColumnName", request.columnName());
        glue.catalog().metadata().write(transaction -> {
            Scope scope = scope(transaction, target, partition, request.partitionValues());
            if (!glue.catalog().store().delete(transaction, GlueStore.COLUMN_STATISTICS, scope.prefix() + Ids.part(column))) {
                throw GlueErrors.notFound("Statistics for column " + column + " not found.");
            }
            return null;
        });
        return null;
    }
}
