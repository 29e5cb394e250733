package dev.tarn.gateway.routing;

import dev.tarn.gateway.protocol.ErrorDocument;
import dev.tarn.gateway.protocol.JsonProtocol;
import dev.tarn.gateway.protocol.QueryProtocol;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.RestRoute;
import dev.tarn.spi.service.ServiceDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One service as the gateway sees it: its descriptor, its operations, and the protocol code that
 * turns a request into an operation call and a result or error into a response.
 */
public final class ServiceBinding
{
    private final AwsService service;
    private final ServiceDescriptor descriptor;
    private final List<RestRoute> routes;
    private final Map<String, ActionOperation<?, ?>> operations;
    private final QueryProtocol queryProtocol;
    private final JsonProtocol jsonProtocol;

    public ServiceBinding(AwsService service, QueryProtocol queryProtocol, JsonProtocol jsonProtocol)
    {
        this.service = requireNonNull(service, "service is null");
        this.descriptor = service.descriptor();
        this.queryProtocol = requireNonNull(queryProtocol, "queryProtocol is null");
        this.jsonProtocol = requireNonNull(jsonProtocol, "jsonProtocol is null");
        List<RestRoute> routeList = new ArrayList<>();
        Map<String, ActionOperation<?, ?>> operationMap = new LinkedHashMap<>();
        service.registerOperations(new OperationRegistry()
        {
            @Override
            public void route(RestRoute route)
            {
                routeList.add(requireNonNull(route, "route is null"));
            }

            @Override
            public <I, O> void operation(ActionOperation<I, O> operation)
            {
                if (operationMap.putIfAbsent(operation.name(), operation) != null) {
                    throw new IllegalArgumentException("operation registered twice: " + operation.name());
                }
            }
        });
        this.routes = List.copyOf(routeList);
        this.operations = Map.copyOf(operationMap);
    }

    public ServiceDescriptor descriptor()
    {
        return descriptor;
    }

    /** The AWS operation name a request is for, when it can be told (for logs and the audit trail). */
    public Optional<String> operationName(ServiceRequest request)
    {
        return switch (descriptor.protocol()) {
            case REST_XML, REST_JSON -> routes.stream().filter(route -> route.matches(request)).findFirst().map(RestRoute::operationName);
            case QUERY -> request.queryParameter("Action");
            case JSON -> request.header("x-amz-target").map(target -> target.substring(target.lastIndexOf('.') + 1));
        };
    }

    public ServiceResponse dispatch(ServiceRequest request)
    {
        return dispatch(request, operation -> {});
    }

    /**
     * Like {@link #dispatch(ServiceRequest)}, telling {@code operationNamed} the operation of a
     * query protocol request, whose Action may be in the form body that
     * {@link #operationName(ServiceRequest)} cannot read.
     */
    public ServiceResponse dispatch(ServiceRequest request, Consumer<String> operationNamed)
    {
        return switch (descriptor.protocol()) {
            case REST_XML, REST_JSON -> routes.stream()
                    .filter(route -> route.matches(request))
                    .findFirst()
                    .orElseThrow(() -> CommonErrors.NOT_IMPLEMENTED.exception())
                    .handler()
                    .handle(request);
            case QUERY -> dispatchQuery(request, operationNamed);
            case JSON -> dispatchJson(request);
        };
    }

    /** Lets the service adjust a response (or error document) before it is sent; see {@link AwsService#complete}. */
    public ServiceResponse complete(ServiceRequest request, ServiceResponse response)
    {
        return service.complete(request, response);
    }

    public ServiceResponse encodeError(AwsException error, ServiceRequest request, String requestId, String hostId)
    {
        return encodeError(descriptor, error, JsonProtocol.isCbor(request), requestId, hostId);
    }

    public static ServiceResponse encodeError(ServiceDescriptor descriptor, AwsException error, boolean cbor, String requestId, String hostId)
    {
        return switch (descriptor.protocol()) {
            case REST_XML -> ErrorDocument.restXml(error, requestId, hostId);
            case QUERY -> ErrorDocument.query(error, requestId, descriptor.xmlNamespace().orElse(""));
            case JSON, REST_JSON -> ErrorDocument.json(error, cbor ? JsonProtocol.CBOR_CONTENT_TYPE
                    : "application/x-amz-json-" + descriptor.jsonVersion().orElse("1.1"));
        };
    }

    private ServiceResponse dispatchQuery(ServiceRequest request, Consumer<String> operationNamed)
    {
        Map<String, String> parameters = queryProtocol.parameters(request);
        String action = Optional.ofNullable(parameters.get("Action")).orElseThrow(QueryProtocol::missingAction);
        operationNamed.accept(action);
        ActionOperation<?, ?> operation = operations.get(action);
        if (operation == null) {
            throw CommonErrors.INVALID_ACTION.exception("Could not find operation " + action);
        }
        Object result = invoke(operation, queryProtocol.decode(parameters, operation.inputType()), request);
        return queryProtocol.encode(action, result, descriptor.xmlNamespace().orElse(""), request.context().requestId());
    }

    private ServiceResponse dispatchJson(ServiceRequest request)
    {
        String target = request.header("x-amz-target").orElseThrow(() -> CommonErrors.UNKNOWN_OPERATION.exception("Missing X-Amz-Target."));
        String prefix = descriptor.targetPrefix().orElse("");
        int dot = target.lastIndexOf('.');
        if (dot < 0 || !target.substring(0, dot).equals(prefix)) {
            throw CommonErrors.UNKNOWN_OPERATION.exception("Unknown target " + target);
        }
        ActionOperation<?, ?> operation = operations.get(target.substring(dot + 1));
        if (operation == null) {
            throw CommonErrors.UNKNOWN_OPERATION.exception("Unknown operation " + target.substring(dot + 1));
        }
        Object result = invoke(operation, jsonProtocol.decode(request, operation.inputType()), request);
        return jsonProtocol.encode(request, result, descriptor.jsonVersion().orElse("1.1"));
    }

    @SuppressWarnings("unchecked")
    private static <I, O> O invoke(ActionOperation<I, O> operation, Object input, ServiceRequest request)
    {
        return operation.handler().handle(request.context(), (I) input);
    }
}
