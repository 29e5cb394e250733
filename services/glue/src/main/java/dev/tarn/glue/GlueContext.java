package dev.tarn.glue;

import dev.tarn.glue.catalog.Catalog;
import dev.tarn.spi.security.RequestContext;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What the catalog operation classes share. */
public record GlueContext(Catalog catalog, GlueAccess access)
{
    public GlueContext
    {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(access, "access is null");
    }

    /** The catalog a request names, or the caller's own (the catalog id is the account id). */
    public static String catalogId(RequestContext context, Optional<String> catalogId)
    {
        return catalogId.filter(id -> !id.isEmpty()).orElse(context.caller().accountId());
    }

    public static <T> T required(String member, T value)
    {
        if (value == null) {
            throw GlueErrors.invalidInput(member + " is required");
        }
        return value;
    }
}
