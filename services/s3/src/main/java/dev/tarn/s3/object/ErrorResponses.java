package dev.tarn.s3.object;

import dev.tarn.gateway.protocol.ErrorDocument;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Error answers that carry headers besides the error document, as S3 sends for a delete marker
 * (x-amz-delete-marker, x-amz-version-id) or an unsatisfiable range (Content-Range).
 */
public final class ErrorResponses
{
    private ErrorResponses() {}

    public static ServiceResponse withHeaders(AwsException error, ServiceRequest request, Headers headers)
    {
        byte[] hostId = new byte[24];
        ThreadLocalRandom.current().nextBytes(hostId);
        ServiceResponse document = ErrorDocument.restXml(error, request.context().requestId(), Base64.getEncoder().encodeToString(hostId));
        Headers.Builder merged = document.headers().toBuilder();
        headers.asMap().forEach((name, values) -> values.forEach(value -> merged.add(name, value)));
        return new ServiceResponse(document.status(), merged.build(), document.body());
    }
}
