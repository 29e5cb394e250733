package dev.tarn.athena.model;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A data catalog Athena knows: {@code AwsDataCatalog} (the account's Glue catalog) or a registered GLUE catalog. */
public record DataCatalog(String name, Optional<String> description, String type, Map<String, String> parameters, Optional<String> status)
{
    public static final String AWS_DATA_CATALOG = "AwsDataCatalog";

    public DataCatalog
    {
        requireNonNull(name, "name is null");
        description = description == null ? Optional.empty() : description;
        requireNonNull(type, "type is null");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        status = status == null ? Optional.empty() : status;
    }

    public static DataCatalog awsDataCatalog(String accountId)
    {
        return new DataCatalog(AWS_DATA_CATALOG, Optional.of("AWS Glue Data Catalog"), "GLUE", Map.of("catalog-id", accountId), Optional.of("CREATE_COMPLETE"));
    }
}
