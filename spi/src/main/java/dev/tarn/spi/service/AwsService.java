package dev.tarn.spi.service;

import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

/**
 * A service plugged into the gateway: it says how it is addressed and registers its operations.
 * That is the whole contract between a service module and the gateway.
 */
public interface AwsService
{
    ServiceDescriptor descriptor();

    void registerOperations(OperationRegistry registry);

    /**
     * The service's last word on each of its responses, error documents included, before the
     * gateway sends it (S3 adds its CORS headers here). The default keeps the response as it is.
     */
    default ServiceResponse complete(ServiceRequest request, ServiceResponse response)
    {
        return response;
    }
}
