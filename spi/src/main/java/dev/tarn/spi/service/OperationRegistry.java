package dev.tarn.spi.service;

/** Where a service declares the operations it answers. */
public interface OperationRegistry
{
    /**
     * A REST operation (rest-xml, rest-json): the gateway offers each request to the routes in
     * registration order and runs the first that matches, so more specific routes go first.
     */
    void route(RestRoute route);

    /**
     * A query- or JSON-protocol operation: the gateway decodes the request into {@code inputType}
     * (form parameters or the JSON/CBOR body, by the service's protocol) and encodes what the
     * handler returns.
     */
    <I, O> void operation(ActionOperation<I, O> operation);
}
