package dev.tarn.gateway.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ResponseBody;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/**
 * The AWS JSON protocols 1.0 and 1.1 (KMS, Glue, Athena, Kinesis): operation from
 * {@code X-Amz-Target: Prefix.Operation}, JSON body in and out; CBOR when the client sends
 * {@code application/x-amz-cbor-1.1}.
 */
public final class JsonProtocol
{
    public static final String CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";

    private final ObjectMapper json;
    private final ObjectMapper cbor;

    public JsonProtocol(ObjectMapper json, ObjectMapper cbor)
    {
        this.json = requireNonNull(json, "json is null");
        this.cbor = requireNonNull(cbor, "cbor is null");
    }

    public static boolean isCbor(ServiceRequest request)
    {
        return request.header("content-type").map(type -> type.startsWith(CBOR_CONTENT_TYPE)).orElse(false);
    }

    public static String contentType(ServiceRequest request, String jsonVersion)
    {
        return isCbor(request) ? CBOR_CONTENT_TYPE : "application/x-amz-json-" + jsonVersion;
    }

    public <I> I decode(ServiceRequest request, Class<I> type)
    {
        ObjectMapper mapper = isCbor(request) ? cbor : json;
        try (InputStream body = request.body()) {
            byte[] bytes = body.readAllBytes();
            if (bytes.length == 0) {
                return mapper.readValue(isCbor(request) ? cbor.writeValueAsBytes(mapper.createObjectNode()) : "{}".getBytes(), type);
            }
            return mapper.readValue(bytes, type);
        }
        catch (IOException e) {
            throw CommonErrors.SERIALIZATION_EXCEPTION.exception("Could not read the request: " + e.getMessage());
        }
    }

    public ServiceResponse encode(ServiceRequest request, Object result, String jsonVersion)
    {
        String contentType = contentType(request, jsonVersion);
        ObjectMapper mapper = isCbor(request) ? cbor : json;
        try {
            byte[] bytes = result == null ? (isCbor(request) ? cbor.writeValueAsBytes(cbor.createObjectNode()) : "{}".getBytes())
                    : mapper.writeValueAsBytes(result);
            return ServiceResponse.of(200, Headers.empty(), ResponseBody.bytes(bytes, contentType));
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot encode " + result.getClass().getName(), e);
        }
    }
}
