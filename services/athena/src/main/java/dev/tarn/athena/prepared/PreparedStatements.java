package dev.tarn.athena.prepared;

import dev.tarn.athena.AthenaErrors;
import dev.tarn.athena.AthenaStore;
import dev.tarn.athena.model.PreparedStatement;
import dev.tarn.spi.error.AwsException;

import java.util.Optional;
import java.util.regex.Pattern;

import static dev.tarn.athena.AthenaErrors.required;
import static java.util.Objects.requireNonNull;

/** The stored prepared statements of each work group. */
public final class PreparedStatements
{
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_@:]{1,256}");

    private final AthenaStore store;

    public PreparedStatements(AthenaStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    public static String id(String accountId, String workGroup, String name)
    {
        return accountId + "/" + workGroup + "/" + name;
    }

    public static String validName(String name)
    {
        required("StatementName", name);
        if (!NAME.matcher(name).matches()) {
            throw AthenaErrors.invalidInput("1 validation error detected: Value '" + name + "' at 'statementName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [a-zA-Z_][a-zA-Z0-9_@:]{1,256}");
        }
        return name;
    }

    public Optional<PreparedStatement> find(String accountId, String workGroup, String name)
    {
        return store.get(AthenaStore.PREPARED_STATEMENTS, id(accountId, workGroup, name), PreparedStatement.class);
    }

    public PreparedStatement require(String accountId, String workGroup, String name)
    {
        return find(accountId, workGroup, name).orElseThrow(() -> notFound(workGroup, name));
    }

    public static AwsException notFound(String workGroup, String name)
    {
        return AthenaErrors.resourceNotFound("Prepared statement " + name + " was not found in workGroup " + workGroup + ".", name);
    }

    public AthenaStore store()
    {
        return store;
    }
}
