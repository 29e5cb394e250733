package dev.tarn.cloudformation.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarn.gateway.http.UriCodec;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.gateway.inprocess.InProcessRequest;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.security.RequestContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Calls services in process on behalf of the principal a stack operation acts as. */
public final class ServiceClient
{
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final InProcessInvoker invoker;
    private final RequestContext caller;

    public ServiceClient(InProcessInvoker invoker, RequestContext caller)
    {
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.caller = requireNonNull(caller, "caller is null");
    }

    public RequestContext caller()
    {
        return caller;
    }

    public String accountId()
    {
        return caller.caller().accountId();
    }

    public String region()
    {
        return caller.region();
    }

    /**
     * An S3 request to a bucket or an object ({@code bucket} or {@code bucket/key}) with sub-resource query parameters
     * ({@code versioning}); bodies get a Content-MD5.
     */
    public String s3(String method, String bucketOrObject, Map<String, List<String>> query, String body)
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Headers.Builder headers = Headers.builder();
        if (bytes.length > 0) {
            headers.set("content-type", "application/xml").set("content-md5", md5(bytes));
        }
        ServiceResponse response = invoker.invoke(caller, "s3",
                new InProcessRequest.Rest(method, "/" + UriCodec.encode(bucketOrObject, true), query, headers.build(), bytes));
        return InProcessInvoker.bodyText(response);
    }

    /** A query-protocol action (IAM, STS); returns the response XML. */
    public String query(String service, String action, Map<String, String> parameters)
    {
        return InProcessInvoker.bodyText(invoker.invoke(caller, service, new InProcessRequest.Query(action, parameters)));
    }

    /** A JSON-protocol operation (KMS); returns the parsed response. */
    public JsonNode json(String service, String operation, JsonNode body)
    {
        String text = InProcessInvoker.bodyText(invoker.invoke(caller, service, new InProcessRequest.Json(operation, body.toString())));
        try {
            return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        }
        catch (IOException e) {
            throw CommonErrors.INTERNAL_ERROR.exception("Unreadable answer of " + service + " " + operation).withCause(e);
        }
    }

    /** Whether the error says that the thing is not there (so deleting it is done already). */
    public static boolean isNotFound(AwsException error)
    {
        return error.httpStatus() == 404 || error.code().startsWith("NoSuch") || error.code().equals("NotFoundException");
    }

    private static String md5(byte[] bytes)
    {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
