package dev.tarn.glue.catalog;

import dev.tarn.glue.GlueContext;
import dev.tarn.glue.GlueStore;
import dev.tarn.glue.Paging;
import dev.tarn.glue.model.Database;
import dev.tarn.glue.model.DatabaseInput;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.tarn.glue.GlueContext.catalogId;
import static dev.tarn.glue.GlueContext.required;
import static java.util.Objects.requireNonNull;

/** CreateDatabase, GetDatabase, GetDatabases, UpdateDatabase, DeleteDatabase. */
public final class DatabaseOperations
{
    private final GlueContext glue;

    public DatabaseOperations(GlueContext glue)
    {
        this.glue = requireNonNull(glue, "glue is null");
    }

    public record CreateDatabaseRequest(Optional<String> catalogId, DatabaseInput databaseInput, Optional<Map<String, String>> tags) {}

    public record DatabaseRequest(Optional<String> catalogId, String name) {}

    public record GetDatabaseResponse(Database database) {}

    public record GetDatabasesRequest(Optional<String> catalogId, Optional<String> nextToken, Optional<Integer> maxResults) {}

    public record GetDatabasesResponse(List<Database> databaseList, Optional<String> nextToken) {}

    public record UpdateDatabaseRequest(Optional<String> catalogId, String name, DatabaseInput databaseInput) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateDatabase", CreateDatabaseRequest.class, this::createDatabase));
        registry.operation(new ActionOperation<>("GetDatabase", DatabaseRequest.class, this::getDatabase));
        registry.operation(new ActionOperation<>("GetDatabases", GetDatabasesRequest.class, this::getDatabases));
        registry.operation(new ActionOperation<>("UpdateDatabase", UpdateDatabaseRequest.class, this::updateDatabase));
        registry.operation(new ActionOperation<>("DeleteDatabase", DatabaseRequest.class, this::deleteDatabase));
    }

    Void createDatabase(RequestContext context, CreateDatabaseRequest request)
    {
        DatabaseInput input = required("DatabaseInput", request.databaseInput());
        String catalogId = catalogId(context, request.catalogId());
        String name = Catalog.name("Database", input.name());
        glue.access().onDatabase(context, "CreateDatabase", catalogId, name);
        glue.catalog().metadata().write(transaction -> glue.catalog().createDatabase(transaction, catalogId, input));
        return null;
    }

    GetDatabaseResponse getDatabase(RequestContext context, DatabaseRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String name = Catalog.name("Database", request.name());
        glue.access().onDatabase(context, "GetDatabase", catalogId, name);
        return new GetDatabaseResponse(glue.catalog().metadata().read(reader -> glue.catalog().requireDatabase(reader, catalogId, name)));
    }

    GetDatabasesResponse getDatabases(RequestContext context, GetDatabasesRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        glue.access().onCatalog(context, "GetDatabases", catalogId);
        int limit = Paging.limit(request.maxResults(), 100, 1000);
        Optional<String> after = Paging.after(request.nextToken());
        List<Database> found = glue.catalog().metadata().read(reader ->
                glue.catalog().store().list(reader, GlueStore.DATABASES, catalogId + "/", after, limit + 1, Database.class));
        Paging.Page<Database> page = Paging.Page.of(found, limit, database -> Catalog.databaseId(catalogId, database.name()));
        return new GetDatabasesResponse(page.items(), page.nextToken());
    }

    Void updateDatabase(RequestContext context, UpdateDatabaseRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String name = Catalog.name("Database", request.name());
        DatabaseInput input = required("DatabaseInput", request.databaseInput());
        glue.access().onDatabase(context, "UpdateDatabase", catalogId, name);
        glue.catalog().metadata().write(transaction -> {
            glue.catalog().updateDatabase(transaction, catalogId, name, input);
            return null;
        });
        return null;
    }

    Void deleteDatabase(RequestContext context, DatabaseRequest request)
    {
        String catalogId = catalogId(context, request.catalogId());
        String name = Catalog.name("Database", request.name());
        glue.access().onDatabase(context, "DeleteDatabase", catalogId, name);
        glue.catalog().metadata().write(transaction -> {
            glue.catalog().deleteDatabase(transaction, catalogId, name);
            return null;
        });
        return null;
    }
}
