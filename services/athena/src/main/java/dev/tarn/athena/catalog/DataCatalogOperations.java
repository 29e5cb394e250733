package dev.tarn.athena.catalog;

import dev.tarn.athena.AthenaAccess;
import dev.tarn.athena.AthenaErrors;
import dev.tarn.athena.AthenaStore;
import dev.tarn.athena.Paging;
import dev.tarn.athena.model.DataCatalog;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.tarn.athena.AthenaErrors.required;
import static java.util.Objects.requireNonNull;

/**
 * ListDataCatalogs, GetDataCatalog, CreateDataCatalog and DeleteDataCatalog. Only GLUE catalogs
 * can be registered (another account's, or the own one under another name); LAMBDA and HIVE
 * catalogs need connectors Tarn does not have.
 */
public final class DataCatalogOperations
{
    private final DataCatalogs catalogs;
    private final AthenaAccess access;

    public DataCatalogOperations(DataCatalogs catalogs, AthenaAccess access)
    {
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.access = requireNonNull(access, "access is null");
    }

    public record ListDataCatalogsRequest(Optional<String> nextToken, Optional<Integer> maxResults, Optional<String> workGroup) {}

    public record DataCatalogSummary(String catalogName, String type, Optional<String> status) {}

    public record ListDataCatalogsResponse(List<DataCatalogSummary> dataCatalogsSummary, Optional<String> nextToken) {}

    public record GetDataCatalogRequest(String name, Optional<String> workGroup) {}

    public record DataCatalogResponse(DataCatalog dataCatalog) {}

    public record CreateDataCatalogRequest(String name, String type, Optional<String> description, Optional<Map<String, String>> parameters) {}

    public record DeleteDataCatalogRequest(String name, Optional<Boolean> deleteCatalogOnly) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("ListDataCatalogs", ListDataCatalogsRequest.class, this::listDataCatalogs));
        registry.operation(new ActionOperation<>("GetDataCatalog", GetDataCatalogRequest.class, this::getDataCatalog));
        registry.operation(new ActionOperation<>("CreateDataCatalog", CreateDataCatalogRequest.class, this::createDataCatalog));
        registry.operation(new ActionOperation<>("DeleteDataCatalog", DeleteDataCatalogRequest.class, this::deleteDataCatalog));
    }

    ListDataCatalogsResponse listDataCatalogs(RequestContext context, ListDataCatalogsRequest request)
    {
        access.onAccount(context, "ListDataCatalogs");
        int limit = Paging.limit(request.maxResults(), 2, 50, 50);
        String accountId = context.caller().accountId();
        // AwsDataCatalog comes first; the token after it is the empty id, after which every stored catalog follows
        Optional<String> after = Paging.after(request.nextToken());
        List<DataCatalog> found = new ArrayList<>();
        if (after.isEmpty()) {
            found.add(DataCatalog.awsDataCatalog(accountId));
        }
        AthenaStore store = catalogs.store();
        store.metadata().read(reader -> reader.documents(AthenaStore.DATA_CATALOGS, accountId + "/", after.filter(id -> !id.isEmpty()), limit + 1))
                .forEach(document -> found.add(store.read(document, DataCatalog.class)));
        Paging.Page<DataCatalog> page = Paging.Page.of(found, limit, catalog -> catalog.name().equals(DataCatalog.AWS_DATA_CATALOG)
                ? accountId + "/" : DataCatalogs.id(accountId, catalog.name()));
        return new ListDataCatalogsResponse(page.items().stream()
                .map(catalog -> new DataCatalogSummary(catalog.name(), catalog.type(), catalog.status())).toList(), page.nextToken());
    }

    DataCatalogResponse getDataCatalog(RequestContext context, GetDataCatalogRequest request)
    {
        String name = required("Name", request.name());
        access.onDataCatalog(context, "GetDataCatalog", name);
        return new DataCatalogResponse(catalogs.require(context.caller().accountId(), name));
    }

    DataCatalogResponse createDataCatalog(RequestContext context, CreateDataCatalogRequest request)
    {
        String name = required("Name", request.name());
        String type = required("Type", request.type());
        if (!name.matches("[a-zA-Z0-9_@-]{1,127}")) {
            throw AthenaErrors.invalidInput("Catalog name " + name + " is invalid: use letters, digits, '@', '-' and '_' only");
        }
        access.onDataCatalog(context, "CreateDataCatalog", name);
        if (!type.equals("GLUE")) {
            throw AthenaErrors.invalidInput("Data catalogs of type " + type + " are not supported; only GLUE catalogs can be registered");
        }
        Map<String, String> parameters = request.parameters().orElse(Map.of());
        String catalogId = parameters.get("catalog-id");
        if (catalogId == null || !catalogId.matches("[0-9]{12}")) {
            throw AthenaErrors.invalidInput("A GLUE data catalog needs the parameter catalog-id, the 12-digit account id of the Glue catalog");
        }
        String accountId = context.caller().accountId();
        DataCatalog catalog = new DataCatalog(name, request.description().filter(text -> !text.isEmpty()), type, Map.of("catalog-id", catalogId),
                Optional.of("CREATE_COMPLETE"));
        AthenaStore store = catalogs.store();
        store.metadata().write(transaction -> {
            if (name.equalsIgnoreCase(DataCatalog.AWS_DATA_CATALOG) || transaction.document(AthenaStore.DATA_CATALOGS, DataCatalogs.id(accountId, name)).isPresent()) {
                throw AthenaErrors.invalidInput("Catalog " + name + " already exists");
            }
            store.put(transaction, AthenaStore.DATA_CATALOGS, DataCatalogs.id(accountId, name), catalog);
            return null;
        });
        return new DataCatalogResponse(catalog);
    }

    DataCatalogResponse deleteDataCatalog(RequestContext context, DeleteDataCatalogRequest request)
    {
        String name = required("Name", request.name());
        access.onDataCatalog(context, "DeleteDataCatalog", name);
        if (name.equalsIgnoreCase(DataCatalog.AWS_DATA_CATALOG)) {
            throw AthenaErrors.invalidInput("Catalog " + DataCatalog.AWS_DATA_CATALOG + " cannot be deleted");
        }
        String accountId = context.caller().accountId();
        DataCatalog catalog = catalogs.require(accountId, name);
        catalogs.store().metadata().write(transaction -> catalogs.store().delete(transaction, AthenaStore.DATA_CATALOGS, DataCatalogs.id(accountId, name)));
        return new DataCatalogResponse(new DataCatalog(catalog.name(), catalog.description(), catalog.type(), catalog.parameters(), Optional.of("DELETE_COMPLETE")));
    }
}
