package dev.tarn.gateway.routing;

import dev.tarn.gateway.auth.IncomingRequest;
import dev.tarn.gateway.protocol.JsonProtocol;
import dev.tarn.gateway.protocol.ProtocolMappers;
import dev.tarn.gateway.protocol.QueryProtocol;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.ServiceDescriptor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services the gateway serves, found by the SigV4 credential scope's service name, which
 * every signed request carries.
 */
public final class ServiceRegistry
{
    private static final Pattern SCOPE_SERVICE = Pattern.compile("Credential=[^/,]*/\\d{8}/[^/,]*/([^/,]+)/aws4_request");
    private static final Pattern QUERY_SCOPE_SERVICE = Pattern.compile("(?:^|&)X-Amz-Credential=[^&]*?(?:/|%2F)\\d{8}(?:/|%2F)[^/&%]*(?:/|%2F)([^/&%]+)(?:/|%2F)aws4_request", Pattern.CASE_INSENSITIVE);

    private final Map<String, ServiceBinding> bySigningName;
    private final ServiceBinding defaultService;

    /** The first service is the one unsigned (anonymous) requests go to: S3. */
    public ServiceRegistry(List<AwsService> services)
    {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("no services");
        }
        QueryProtocol query = new QueryProtocol(ProtocolMappers.query());
        JsonProtocol json = new JsonProtocol(ProtocolMappers.json(), ProtocolMappers.cbor());
        Map<String, ServiceBinding> bindings = new LinkedHashMap<>();
        for (AwsService service : services) {
            ServiceBinding binding = new ServiceBinding(service, query, json);
            if (bindings.putIfAbsent(binding.descriptor().signingName(), binding) != null) {
                throw new IllegalArgumentException("two services signed as " + binding.descriptor().signingName());
            }
        }
        this.bySigningName = Map.copyOf(bindings);
        this.defaultService = bindings.values().iterator().next();
    }

    public Optional<ServiceBinding> bySigningName(String signingName)
    {
        return Optional.ofNullable(bySigningName.get(signingName));
    }

    public ServiceBinding defaultService()
    {
        return defaultService;
    }

    /**
     * The service a request claims to be for, read from its credential scope without verifying
     * anything; used only to answer an authentication failure in that service's error format.
     */
    public ServiceDescriptor claimedService(IncomingRequest request)
    {
        Optional<String> name = request.headers().first("authorization")
                .map(SCOPE_SERVICE::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .or(() -> Optional.of(QUERY_SCOPE_SERVICE.matcher(request.rawQuery())).filter(Matcher::find).map(matcher -> matcher.group(1)));
        return name.flatMap(this::bySigningName).orElse(defaultService).descriptor();
    }
}
