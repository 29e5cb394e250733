package dev.tarn.glue.catalog;

import dev.tarn.glue.GlueContext;
import dev.tarn.glue.GlueErrors;
import dev.tarn.glue.GlueStore;
import dev.tarn.glue.Ids;
import dev.tarn.glue.Paging;
import dev.tarn.glue.model.ErrorDetail;
import dev.tarn.glue.model.Table;
import dev.tarn.glue.model.TableInput;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.StoredDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static dev.tarn.glue.GlueContext.catalogId;
import static dev.tarn.glue.GlueContext.required;
import static java.util.Objects.requireNonNull;

/**
 * CreateTable, GetTable, GetTables, UpdateTable, DeleteTable, BatchDeleteTable, the table
 * versions (GetTableVersions, GetTableVersion, DeleteTableVersion, BatchDeleteTableVersion) and
 * SearchTables.
 */
public final class TableOperations
{
    private static final int SCAN_PAGE = 500;

    private final GlueContext glue;

    public TableOperations(GlueContext glue)
    {
        this.glue = requireNonNull(glue, "glue is null");
    }

    public record CreateTableRequest(Optional<String> catalogId, String databaseName, TableInput tableInput,
            Optional<List<PartitionIndexOperations.PartitionIndex>> partitionIndexes) {}

    public record TableRequest(Optional<String> catalogId, String databaseName, String name) {}

    public record GetTableResponse(Table table) {}

    public record GetTablesRequest(Optional<String> catalogId, String databaseName, Optional<String> expression, Optional<String> nextToken,
            Optional<Integer> maxResults) {}

    public record TableListResponse(List<Table> tableList, Optional<String> nextToken) {}

    public record UpdateTableRequest(Optional<String> catalogId, String databaseName, TableInput tableInput, Optional<Boolean> skipArchive,
            Optional<String> versionId) {}

    public record BatchDeleteTableRequest(Optional<String> catalogId, String databaseName, List<String> tablesToDelete) {}

    public record TableError(String tableName, ErrorDetail errorDetail) {}

    public record BatchDeleteTableResponse(List<TableError> errors) {}

    public record TableVersionsRequest(Optional<String> catalogId, String databaseName, String tableName, Optional<String> nextToken,
            Optional<Integer> maxResults) {}

    public record TableVersion(Table table, String versionId) {}

    public record GetTableVersionsResponse(List<TableVersion> tableVersions, Optional<String> nextToken) {}

    public record TableVersionRequest(Optional<String> catalogId, String databaseName, String tableName, Optional<String> versionId) {}

    public record GetTableVersionResponse(TableVersion tableVersion) {}

    public record BatchDeleteTableVersionRequest(Optional<String> catalogId, String databaseName, String tableName, List<String> versionIds) {}

    public record TableVersionError(String tableName, String versionId, ErrorDetail errorDetail) {}

    public record BatchDeleteTableVersionResponse(List<TableVersionError> errors) {}

    public record PropertyPredicate(Optional<String> key, Optional<String> value, Optional<String> comparator) {}

    public record SearchTablesRequest(Optional<String> catalogId, Optional<String> nextToken, Optional<List<PropertyPredicate>> filters,
            Optional<String> searchText, Optional<Integer> maxResults) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateTable", CreateTableRequest.class, this::createTable));
        registry.operation(new ActionOperation<>("GetTable", TableRequest.class, this::getTable));
        registry.operation(new ActionOperation<>("GetTables", GetTablesRequest.class, this::getTables));
        registry.operation(new ActionOperation<>("UpdateTable", UpdateTableRequest.class, this::updateTable));
        registry.operation(new ActionOperation<>("DeleteTable", TableRequest.class, this::deleteTable));
        registry.operation(new ActionOperation<>("BatchDeleteTable", BatchDeleteTableRequest.class, this::batchDeleteTable));
        registry.operation(new ActionOperation<>("GetTableVersions", TableVersionsRequest.class, this::getTableVersions));
        registry.operation(new ActionOperation<>("GetTableVersion", TableVersionRequest.class, this::getTableVersion));
        registry.operation(new ActionOperation<>("DeleteTableVersion", TableVersionRequest.class, this::deleteTableVersion));
        registry.operation(new ActionOperation<>("BatchDeleteTableVersion", BatchDeleteTableVersionRequest.class, this::batchDeleteTableVersion));
        registry.operation(new ActionOperation<>("SearchTables", SearchTablesRequest.class, this::searchTables));
    }

    Void createTable(RequestContext context, CreateTableRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        TableInput input = required("TableInput", request.tableInput());
        String table = Catalog.name("Table", input.name());
        glue.access().onTable(context, "CreateTable", catalogId, database, table);
        List<PartitionIndexOperations.PartitionIndex> indexes = request.partitionIndexes().orElse(List.of());
        PartitionIndexOperations indexOperations = new PartitionIndexOperations(glue);
        glue.catalog().metadata().write(transaction -> {
            Table created = glue.catalog().createTable(transaction, catalogId, database, input, Optional.of(context.caller().arn()));
            for (PartitionIndexOperations.PartitionIndex index : indexes) {
                indexOperations.createIndex(transaction, created, required("IndexName", index.indexName()), required("Keys", index.keys()));
            }
            return created;
        });
        return null;
    }

    GetTableResponse getTable(RequestContext context, TableRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        String table = Catalog.name("Table", request.name());
        glue.access().onTable(context, "GetTable", catalogId, database, table);
        return new GetTableResponse(glue.catalog().metadata().read(reader -> glue.catalog().requireTable(reader, catalogId, database, table)));
    }

    TableListResponse getTables(RequestContext context, GetTablesRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        glue.access().onDatabase(context, "GetTables", catalogId, database);
        int limit = Paging.limit(request.maxResults(), 100, 1000);
        Optional<String> after = Paging.after(request.nextToken());
        Predicate<Table> filter = request.expression().filter(text -> !text.isBlank()).map(TableOperations::namePattern)
                .<Predicate<Table>>map(pattern -> table -> pattern.matcher(table.name()).matches())
                .orElse(table -> true);
        List<Table> found = glue.catalog().metadata().read(reader -> {
            glue.catalog().requireDatabase(reader, catalogId, database);
            return scan(reader, Catalog.databaseId(catalogId, database) + "/", after, limit + 1, filter);
        });
        Paging.Page<Table> page = Paging.Page.of(found, limit, TableOperations::tableId);
        return new TableListResponse(page.items(), page.nextToken());
    }

    /**
     * The pattern of GetTables' Expression: a regular expression matched against whole names,
     * where a {@code *} not following a {@code .} means any characters, as in Hive's SHOW TABLES.
     */
    static Pattern namePattern(String expression)
    {
        String regex = expression.replaceAll("(?<![.\\\\])\\*", ".*");
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        }
        catch (PatternSyntaxException e) {
            throw GlueErrors.invalidInput("Invalid Expression: " + e.getDescription());
        }
    }

    private List<Table> scan(MetadataReader reader, String prefix, Optional<String> after, int wanted, Predicate<Table> filter)
    {
        List<Table> found = new ArrayList<>();
        Optional<String> cursor = after;
        while (found.size() < wanted) {
            List<StoredDocument> page = glue.catalog().store().documents(reader, GlueStore.TABLES, prefix, cursor, SCAN_PAGE);
            for (StoredDocument document : page) {
                Table table = glue.catalog().store().read(document, Table.class);
                if (filter.test(table) && found.size() < wanted) {
                    found.add(table);
                }
            }
            if (page.size() < SCAN_PAGE) {
                break;
            }
            cursor = Optional.of(page.get(page.size() - 1).id());
        }
        return found;
    }

    static String tableId(Table table)
    {
        return Catalog.tableId(table.catalogId(), table.databaseName(), table.name());
    }

    Void updateTable(RequestContext context, UpdateTableRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        TableInput input = required("TableInput", request.tableInput());
        String table = Catalog.name("Table", input.name());
        glue.access().onTable(context, "UpdateTable", catalogId, database, table);
        glue.catalog().metadata().write(transaction ->
                glue.catalog().updateTable(transaction, catalogId, database, input, request.skipArchive().orElse(false), request.versionId()));
        return null;
    }

    Void deleteTable(RequestContext context, TableRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        String table = Catalog.name("Table", request.name());
        glue.access().onTable(context, "DeleteTable", catalogId, database, table);
        glue.catalog().metadata().write(transaction -> {
            glue.catalog().deleteTable(transaction, catalogId, database, table);
            return null;
        });
        return null;
    }

    BatchDeleteTableResponse batchDeleteTable(RequestContext context, BatchDeleteTableRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        List<String> names = required("TablesToDelete", request.tablesToDelete());
        if (names.size() > 100) {
            throw GlueErrors.invalidInput("TablesToDelete must have at most 100 names");
        }
        List<TableError> errors = new ArrayList<>();
        for (String name : names) {
            try {
                String table = Catalog.name("Table", name);
                glue.access().onTable(context, "BatchDeleteTable", catalogId, database, table);
                glue.catalog().metadata().write(transaction -> {
                    glue.catalog().deleteTable(transaction, catalogId, database, table);
                    return null;
                });
            }
            catch (AwsException e) {
                errors.add(new TableError(name, ErrorDetail.of(e)));
            }
        }
        return new BatchDeleteTableResponse(errors);
    }

    GetTableVersionsResponse getTableVersions(RequestContext context, TableVersionsRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        String table = Catalog.name("Table", request.tableName());
        glue.access().onTable(context, "GetTableVersions", catalogId, database, table);
        int limit = Paging.limit(request.maxResults(), 100, 1000);
        Optional<String> after = Paging.after(request.nextToken());
        List<Table> versions = glue.catalog().metadata().read(reader -> {
            glue.catalog().requireTable(reader, catalogId, database, table);
            return glue.catalog().store().list(reader, GlueStore.TABLE_VERSIONS, Catalog.tableId(catalogId, database, table) + "/", after, limit + 1,
                    Table.class);
        });
        Paging.Page<Table> page = Paging.Page.of(versions, limit, Catalog::versionId);
        return new GetTableVersionsResponse(page.items().stream().map(version -> new TableVersion(version, version.versionId())).toList(),
                page.nextToken());
    }

    GetTableVersionResponse getTableVersion(RequestContext context, TableVersionRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        String table = Catalog.name("Table", request.tableName());
        glue.access().onTable(context, "GetTableVersion", catalogId, database, table);
        Table version = glue.catalog().metadata().read(reader -> {
            Table current = glue.catalog().requireTable(reader, catalogId, database, table);
            String versionId = request.versionId().orElse(current.versionId());
            return glue.catalog().store().get(reader, GlueStore.TABLE_VERSIONS, Catalog.tableId(catalogId, database, table) + "/" + padded(versionId),
                    Table.class).orElseThrow(() -> GlueErrors.notFound("Version " + versionId + " of table " + table + " not found."));
        });
        return new GetTableVersionResponse(new TableVersion(version, version.versionId()));
    }

    Void deleteTableVersion(RequestContext context, TableVersionRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        String table = Catalog.name("Table", request.tableName());
        String versionId = request.versionId().orElseThrow(() -> GlueErrors.invalidInput("VersionId is required"));
        glue.access().onTable(context, "DeleteTableVersion", catalogId, database, table);
        deleteVersion(catalogId, database, table, versionId);
        return null;
    }

    BatchDeleteTableVersionResponse batchDeleteTableVersion(RequestContext context, BatchDeleteTableVersionRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String database = Catalog.name("Database", request.databaseName());
        String table = Catalog.name("Table", request.tableName());
        glue.access().onTable(context, "BatchDeleteTableVersion", catalogId, database, table);
        List<TableVersionError> errors = new ArrayList<>();
        for (String versionId : required("VersionIds", request.versionIds())) {
            try {
                deleteVersion(catalogId, database, table, versionId);
            }
            catch (AwsException e) {
                errors.add(new TableVersionError(table, versionId, ErrorDetail.of(e)));
            }
        }
        return new BatchDeleteTableVersionResponse(errors);
    }

    /** Deletes an archived version; the current version cannot be deleted, as on AWS. */
    private void deleteVersion(String catalogId, String database, String table, String versionId)
    {
        glue.catalog().metadata().write(transaction -> {
            Table current = glue.catalog().requireTable(transaction, catalogId, database, table);
            if (current.versionId().equals(versionId)) {
                throw GlueErrors.invalidInput("The current version of a table cannot be deleted.");
            }
            if (!glue.catalog().store().delete(transaction, GlueStore.TABLE_VERSIONS, Catalog.tableId(catalogId, database, table) + "/" + padded(versionId))) {
                throw GlueErrors.notFound("Version " + versionId + " of table " + table + " not found.");
            }
            return null;
        });
    }

    private static String padded(String versionId)
    {
        try {
            return Catalog.paddedVersion(versionId);
        }
        catch (NumberFormatException e) {
            throw GlueErrors.invalidInput("Invalid VersionId " + versionId);
        }
    }

    TableListResponse searchTables(RequestContext context, SearchTablesRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        glue.access().onCatalog(context, "SearchTables", catalogId);
        int limit = Paging.limit(request.maxResults(), 100, 1000);
        Optional<String> after = Paging.after(request.nextToken());
        Optional<String> text = request.searchText().filter(value -> !value.isBlank()).map(value -> value.toLowerCase(Locale.ROOT));
        List<PropertyPredicate> filters = request.filters().orElse(List.of());
        Predicate<Table> matches = table -> text.map(value -> mentions(table, value)).orElse(true)
                && filters.stream().allMatch(filter -> satisfies(table, filter));
        List<Table> found = glue.catalog().metadata().read(reader -> scan(reader, Ids.part(catalogId) + "/", after, limit + 1, matches));
        Paging.Page<Table> page = Paging.Page.of(found, limit, TableOperations::tableId);
        return new TableListResponse(page.items(), page.nextToken());
    }

    private static boolean mentions(Table table, String text)
    {
        if (table.name().contains(text) || table.description().map(d -> d.toLowerCase(Locale.ROOT).contains(text)).orElse(false)) {
            return true;
        }
        if (table.parameters().values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(text))) {
            return true;
        }
        return table.storageDescriptor().map(sd -> sd.columns().stream().anyMatch(c -> c.name().toLowerCase(Locale.ROOT).contains(text))).orElse(false);
    }

    private static boolean satisfies(Table table, PropertyPredicate filter)
    {
        String key = filter.key().orElse("");
        Optional<String> actual = switch (key) {
            case "DatabaseName" -> Optional.of(table.databaseName());
            case "Name", "TableName" -> Optional.of(table.name());
            case "TableType" -> table.tableType();
            case "Description" -> table.description();
            case "Owner" -> table.owner();
            default -> Optional.ofNullable(table.parameters().get(key));
        };
        if (actual.isEmpty()) {
            return false;
        }
        String expected = filter.value().orElse("");
        int comparison = actual.get().compareTo(expected);
        return switch (filter.comparator().orElse("EQUALS")) {
            case "GREATER_THAN" -> comparison > 0;
            case "LESS_THAN" -> comparison < 0;
            case "GREATER_THAN_EQUALS" -> comparison >= 0;
            case "LESS_THAN_EQUALS" -> comparison <= 0;
            default -> filter.key().isPresent() && key.equals("Name") ? actual.get().contains(expected.toLowerCase(Locale.ROOT)) : comparison == 0;
        };
    }
}
