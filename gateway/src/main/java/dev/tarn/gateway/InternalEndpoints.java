package dev.tarn.gateway;

import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ResponseBody;
import dev.tarn.spi.http.ServiceResponse;

import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Endpoints of Tarn itself under {@code /_tarn/}: no bucket name can start with '_', so these
 * never shadow S3. Today: {@code GET /_tarn/health}, 200 once the server is ready.
 */
public final class InternalEndpoints
{
    private final BooleanSupplier ready;

    public InternalEndpoints(BooleanSupplier ready)
    {
        this.ready = requireNonNull(ready, "ready is null");
    }

    ServiceResponse handle(String method, String path)
    {
        if (path.equals("health") && (method.equals("GET") || method.equals("HEAD"))) {
            boolean up = ready.getAsBoolean();
            return ServiceResponse.of(up ? 200 : 503, Headers.empty(),
                    ResponseBody.text(up ? "{\"status\":\"ok\"}\n" : "{\"status\":\"starting\"}\n", "application/json"));
        }
        return ServiceResponse.of(404, Headers.empty(), ResponseBody.text("{\"error\":\"not found\"}\n", "application/json"));
    }
}
