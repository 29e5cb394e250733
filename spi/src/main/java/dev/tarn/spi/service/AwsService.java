package dev.tarn.spi.service;

/**
 * A service plugged into the gateway: it says how it is addressed and registers its operations.
 * That is the whole contract between a service module and the gateway.
 */
public interface AwsService
{
    ServiceDescriptor descriptor();

    void registerOperations(OperationRegistry registry);
}
