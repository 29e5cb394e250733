package dev.tarn.athena.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.athena.AthenaAccess;
import dev.tarn.athena.Paging;
import dev.tarn.athena.model.DataCatalog;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.tarn.athena.AthenaErrors.required;
import static java.util.Objects.requireNonNull;

/**
 * ListDatabases, GetDatabase, ListTableMetadata and GetTableMetadata: the Glue catalog behind a
 * data catalog, read as the caller and mapped to Athena's shapes. Needs {@code athena:<Op>} on
 * the data catalog and Glue's own permissions.
 */
public final class CatalogMetadataOperations
{
    private final DataCatalogs catalogs;
    private final GlueClient glue;
    private final AthenaAccess access;

    public CatalogMetadataOperations(DataCatalogs catalogs, GlueClient glue, AthenaAccess access)
    {
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.glue = requireNonNull(glue, "glue is null");
        this.access = requireNonNull(access, "access is null");
    }

    public record ListDatabasesRequest(String catalogName, Optional<String> nextToken, Optional<Integer> maxResults, Optional<String> workGroup) {}

    public record Database(String name, Optional<String> description, Map<String, String> parameters) {}

    public record ListDatabasesResponse(List<Database> databaseList, Optional<String> nextToken) {}

    public record GetDatabaseRequest(String catalogName, String databaseName, Optional<String> workGroup) {}

    public record GetDatabaseResponse(Database database) {}

    public record ListTableMetadataRequest(String catalogName, String databaseName, Optional<String> expression, Optional<String> nextToken,
            Optional<Integer> maxResults, Optional<String> workGroup) {}

    public record Column(String name, Optional<String> type, Optional<String> comment) {}

    public record TableMetadata(String name, Optional<Instant> createTime, Optional<Instant> lastAccessTime, Optional<String> tableType,
            List<Column> columns, List<Column> partitionKeys, Map<String, String> parameters) {}

    public record ListTableMetadataResponse(List<TableMetadata> tableMetadataList, Optional<String> nextToken) {}

    public record GetTableMetadataRequest(String catalogName, String databaseName, String tableName, Optional<String> workGroup) {}

    public record GetTableMetadataResponse(TableMetadata tableMetadata) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("ListDatabases", ListDatabasesRequest.class, this::listDatabases));
        registry.operation(new ActionOperation<>("GetDatabase", GetDatabaseRequest.class, this::getDatabase));
        registry.operation(new ActionOperation<>("ListTableMetadata", ListTableMetadataRequest.class, this::listTableMetadata));
        registry.operation(new ActionOperation<>("GetTableMetadata", GetTableMetadataRequest.class, this::getTableMetadata));
    }

    ListDatabasesResponse listDatabases(RequestContext context, ListDatabasesRequest request)
    {
        ObjectNode body = glueRequest(context, "ListDatabases", request.catalogName());
        body.put("MaxResults", Paging.limit(request.maxResults(), 1, 50, 50));
        request.nextToken().ifPresent(token -> body.put("NextToken", token));
        JsonNode response = glue.call(context, "GetDatabases", body);
        List<Database> databases = new ArrayList<>();
        response.path("DatabaseList").forEach(database -> databases.add(database(database)));
        return new ListDatabasesResponse(databases, text(response, "NextToken"));
    }

    GetDatabaseResponse getDatabase(RequestContext context, GetDatabaseRequest request)
    {
        ObjectNode body = glueRequest(context, "GetDatabase", request.catalogName());
        body.put("Name", required("DatabaseName", request.databaseName()));
        return new GetDatabaseResponse(database(glue.call(context, "GetDatabase", body).path("Database")));
    }

    ListTableMetadataResponse listTableMetadata(RequestContext context, ListTableMetadataRequest request)
    {
        ObjectNode body = glueRequest(context, "ListTableMetadata", request.catalogName());
        body.put("DatabaseName", required("DatabaseName", request.databaseName()));
        body.put("MaxResults", Paging.limit(request.maxResults(), 1, 50, 50));
        request.expression().filter(expression -> !expression.isEmpty()).ifPresent(expression -> body.put("Expression", expression));
        request.nextToken().ifPresent(token -> body.put("NextToken", token));
        JsonNode response = glue.call(context, "GetTables", body);
        List<TableMetadata> tables = new ArrayList<>();
        response.path("TableList").forEach(table -> tables.add(table(table)));
        return new ListTableMetadataResponse(tables, text(response, "NextToken"));
    }

    GetTableMetadataResponse getTableMetadata(RequestContext context, GetTableMetadataRequest request)
    {
        ObjectNode body = glueRequest(context, "GetTableMetadata", request.catalogName());
        body.put("DatabaseName", required("DatabaseName", request.databaseName()));
        body.put("Name", required("TableName", request.tableName()));
        return new GetTableMetadataResponse(table(glue.call(context, "GetTable", body).path("Table")));
    }

    private ObjectNode glueRequest(RequestContext context, String operation, String catalogName)
    {
        required("CatalogName", catalogName);
        access.onDataCatalog(context, operation, catalogName);
        DataCatalog catalog = catalogs.require(context.caller().accountId(), catalogName);
        ObjectNode body = glue.request();
        body.put("CatalogId", DataCatalogs.glueCatalogId(catalog, context.caller().accountId()));
        return body;
    }

    private static Database database(JsonNode database)
    {
        return new Database(database.path("Name").asText(), text(database, "Description"), strings(database.path("Parameters")));
    }

    /** Athena's table view: Glue's columns, and the storage descriptor folded into the parameters as Athena shows them. */
    private static TableMetadata table(JsonNode table)
    {
        JsonNode storage = table.path("StorageDescriptor");
        Map<String, String> parameters = new LinkedHashMap<>(strings(table.path("Parameters")));
        text(storage, "Location").ifPresent(value -> parameters.put("location", value));
        text(storage, "InputFormat").ifPresent(value -> parameters.put("inputformat", value));
        text(storage, "OutputFormat").ifPresent(value -> parameters.put("outputformat", value));
        text(storage.path("SerdeInfo"), "SerializationLibrary").ifPresent(value -> parameters.put("serde.serialization.lib", value));
        strings(storage.path("SerdeInfo").path("Parameters")).forEach((key, value) -> parameters.put("serde.param." + key, value));
        return new TableMetadata(table.path("Name").asText(), instant(table, "CreateTime"), instant(table, "LastAccessTime"), text(table, "TableType"),
                columns(storage.path("Columns")), columns(table.path("PartitionKeys")), parameters);
    }

    private static List<Column> columns(JsonNode columns)
    {
        List<Column> result = new ArrayList<>();
        columns.forEach(column -> result.add(new Column(column.path("Name").asText(), text(column, "Type"), text(column, "Comment"))));
        return result;
    }

    private static Map<String, String> strings(JsonNode object)
    {
        Map<String, String> result = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> result.put(field.getKey(), field.getValue().asText()));
        return result;
    }

    private static Optional<String> text(JsonNode node, String member)
    {
        JsonNode value = node.path(member);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<Instant> instant(JsonNode node, String member)
    {
        JsonNode value = node.path(member);
        if (!value.isNumber()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(Math.round(value.asDouble() * 1000)));
    }
}
