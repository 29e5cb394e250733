package dev.tarn.athena.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.gateway.inprocess.InProcessRequest;
import dev.tarn.gateway.protocol.ProtocolMappers;
import dev.tarn.glue.model.Database;
import dev.tarn.glue.model.DatabaseInput;
import dev.tarn.glue.model.Partition;
import dev.tarn.glue.model.PartitionInput;
import dev.tarn.glue.model.Table;
import dev.tarn.glue.model.TableInput;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The Glue Data Catalog as one caller sees it: each call goes through the Glue service in
 * process, so the caller's glue:* permissions apply exactly as they do to a client.
 */
public final class GlueCatalog
{
    private static final ObjectMapper JSON = ProtocolMappers.json();
    private static final int BATCH = 100;

    private final InProcessInvoker invoker;
    private final RequestContext caller;

    public GlueCatalog(InProcessInvoker invoker, RequestContext caller)
    {
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.caller = requireNonNull(caller, "caller is null");
    }

    public Optional<Database> database(String name)
    {
        return ifFound(() -> read(call("GetDatabase", body().put("Name", name)).get("Database"), Database.class));
    }

    public List<Database> databases()
    {
        return pages("GetDatabases", body(), "DatabaseList", Database.class);
    }

    public void createDatabase(DatabaseInput input)
    {
        ObjectNode request = body();
        request.set("DatabaseInput", JSON.valueToTree(input));
        call("CreateDatabase", request);
    }

    public void deleteDatabase(String name)
    {
        call("DeleteDatabase", body().put("Name", name));
    }

    public Optional<Table> table(String database, String name)
    {
        return ifFound(() -> read(call("GetTable", body().put("DatabaseName", database).put("Name", name)).get("Table"), Table.class));
    }

    public List<Table> tables(String database)
    {
        return pages("GetTables", body().put("DatabaseName", database), "TableList", Table.class);
    }

    public void createTable(String database, TableInput input)
    {
        ObjectNode request = body().put("DatabaseName", database);
        request.set("TableInput", JSON.valueToTree(input));
        call("CreateTable", request);
    }

    public void updateTable(String database, TableInput input)
    {
        ObjectNode request = body().put("DatabaseName", database);
        request.set("TableInput", JSON.valueToTree(input));
        call("UpdateTable", request);
    }

    public void deleteTable(String database, String name)
    {
        call("DeleteTable", body().put("DatabaseName", database).put("Name", name));
    }

    /** The table's partitions, filtered by a GetPartitions Expression when one is given. */
    public List<Partition> partitions(String database, String table, Optional<String> expression)
    {
        ObjectNode request = body().put("DatabaseName", database).put("TableName", table);
        expression.ifPresent(value -> request.put("Expression", value));
        return pages("GetPartitions", request, "Partitions", Partition.class);
    }

    /** Adds partitions; values that exist already are left as they are when {@code ifNotExists}. */
    public void createPartitions(String database, String table, List<PartitionInput> partitions, boolean ifNotExists)
    {
        for (int from = 0; from < partitions.size(); from += BATCH) {
            ObjectNode request = body().put("DatabaseName", database).put("TableName", table);
            request.set("PartitionInputList", JSON.valueToTree(partitions.subList(from, Math.min(partitions.size(), from + BATCH))));
            JsonNode answer = call("BatchCreatePartition", request);
            for (JsonNode error : answer.path("Errors")) {
                String code = error.path("ErrorDetail").path("ErrorCode").asText();
                if (ifNotExists && code.equals("AlreadyExistsException")) {
                    continue;
                }
                throw new CatalogError(code, error.path("ErrorDetail").path("ErrorMessage").asText(code));
            }
        }
    }

    public void deletePartitions(String database, String table, List<List<String>> values)
    {
        for (int from = 0; from < values.size(); from += BATCH) {
            ObjectNode request = body().put("DatabaseName", database).put("TableName", table);
            ArrayNode list = request.putArray("PartitionsToDelete");
            values.subList(from, Math.min(values.size(), from + BATCH)).forEach(value -> list.addObject().set("Values", JSON.valueToTree(value)));
            call("BatchDeletePartition", request);
        }
    }

    private <T> List<T> pages(String operation, ObjectNode request, String member, Class<T> type)
    {
        List<T> items = new ArrayList<>();
        while (true) {
            JsonNode answer = call(operation, request);
            for (JsonNode item : answer.path(member)) {
                items.add(read(item, type));
            }
            String token = answer.path("NextToken").asText("");
            if (token.isEmpty()) {
                return items;
            }
            request.put("NextToken", token);
        }
    }

    private JsonNode call(String operation, ObjectNode request)
    {
        String text = InProcessInvoker.bodyText(invoker.invoke(caller, "glue", new InProcessRequest.Json(operation, request.toString())));
        try {
            return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        }
        catch (IOException e) {
            throw new IllegalStateException("Unreadable answer of Glue " + operation, e);
        }
    }

    private static <T> T read(JsonNode node, Class<T> type)
    {
        try {
            return JSON.treeToValue(node, type);
        }
        catch (IOException e) {
            throw new IllegalStateException("Unreadable " + type.getSimpleName() + " from Glue", e);
        }
    }

    private static <T> Optional<T> ifFound(java.util.function.Supplier<T> lookup)
    {
        try {
            return Optional.of(lookup.get());
        }
        catch (AwsException e) {
            if (e.code().equals("EntityNotFoundException")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ObjectNode body()
    {
        return JSON.createObjectNode();
    }

    /** An error Glue reported for one entry of a batch. */
    public static final class CatalogError
            extends RuntimeException
    {
        private final String code;

        public CatalogError(String code, String message)
        {
            super(message);
            this.code = requireNonNull(code, "code is null");
        }

        public String code()
        {
            return code;
        }
    }
}
