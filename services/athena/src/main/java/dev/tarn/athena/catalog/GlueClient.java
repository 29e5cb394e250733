package dev.tarn.athena.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.athena.AthenaErrors;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.gateway.inprocess.InProcessRequest;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/**
 * Calls Glue in process as Athena's caller, so the caller's own glue:Get* permissions apply.
 * Glue's "not found" becomes Athena's MetadataException, as Athena reports a metastore error.
 */
public final class GlueClient
{
    private final InProcessInvoker invoker;
    private final ObjectMapper mapper;

    public GlueClient(InProcessInvoker invoker, ObjectMapper mapper)
    {
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    public ObjectNode request()
    {
        return mapper.createObjectNode();
    }

    public JsonNode call(RequestContext caller, String operation, ObjectNode body)
    {
        String text;
        try {
            text = InProcessInvoker.bodyText(invoker.invoke(caller, "glue", new InProcessRequest.Json(operation, body.toString())));
        }
        catch (AwsException e) {
            if (e.code().equals("EntityNotFoundException")) {
                throw AthenaErrors.METADATA.exception(e.getMessage());
            }
            if (e.code().equals("InvalidInputException")) {
                throw AthenaErrors.invalidInput(e.getMessage());
            }
            throw e;
        }
        try {
            return mapper.readTree(text);
        }
        catch (IOException e) {
            throw AthenaErrors.INTERNAL_SERVER.exception("Unreadable answer of Glue " + operation).withCause(e);
        }
    }
}
