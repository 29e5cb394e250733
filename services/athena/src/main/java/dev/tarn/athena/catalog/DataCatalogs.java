package dev.tarn.athena.catalog;

import dev.tarn.athena.AthenaErrors;
import dev.tarn.athena.AthenaStore;
import dev.tarn.athena.model.DataCatalog;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The data catalogs of each account: {@code AwsDataCatalog} always, and registered GLUE catalogs. */
public final class DataCatalogs
{
    private final AthenaStore store;

    public DataCatalogs(AthenaStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    public static String id(String accountId, String name)
    {
        return accountId + "/" + name;
    }

    public Optional<DataCatalog> find(String accountId, String name)
    {
        if (name.equalsIgnoreCase(DataCatalog.AWS_DATA_CATALOG)) {
            return Optional.of(DataCatalog.awsDataCatalog(accountId));
        }
        return store.get(AthenaStore.DATA_CATALOGS, id(accountId, name), DataCatalog.class);
    }

    public DataCatalog require(String accountId, String name)
    {
        AthenaErrors.required("Name", name);
        return find(accountId, name).orElseThrow(() -> AthenaErrors.invalidInput("Catalog " + name + " was not found."));
    }

    /** The Glue catalog id a catalog reads: its {@code catalog-id} parameter, or the account's own. */
    public static String glueCatalogId(DataCatalog catalog, String accountId)
    {
        return catalog.parameters().getOrDefault("catalog-id", accountId);
    }

    public AthenaStore store()
    {
        return store;
    }
}
