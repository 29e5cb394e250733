package dev.tarn.gateway;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How the gateway listens and addresses buckets.
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one
 * @param virtualHostDomains domains under which {@code bucket.domain} names a bucket
 *        (virtual-hosted-style addressing); {@code localhost} by default
 * @param maxClockSkew how far a request's signing time may be from the server's clock
 */
public record GatewayConfig(String host, int port, List<String> virtualHostDomains, Duration maxClockSkew)
{
    public static final int DEFAULT_PORT = 8276;

    public GatewayConfig
    {
        requireNonNull(host, "host is null");
        virtualHostDomains = List.copyOf(virtualHostDomains);
        requireNonNull(maxClockSkew, "maxClockSkew is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid port " + port);
        }
    }

    public static GatewayConfig defaults(String host, int port)
    {
        return new GatewayConfig(host, port, List.of("localhost"), Duration.ofMinutes(15));
    }
}
