package dev.tarn.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the bucket in a virtual-hosted-style Host header ({@code bucket.localhost:8276}). */
public final class VirtualHosts
{
    private final List<String> domains;

    public VirtualHosts(List<String> domains)
    {
        this.domains = domains.stream().map(domain -> "." + domain.toLowerCase(Locale.ROOT)).toList();
    }

    public Optional<String> bucket(Optional<String> hostHeader)
    {
        return hostHeader.flatMap(this::bucket);
    }

    private Optional<String> bucket(String hostHeader)
    {
        String host = hostHeader;
        if (host.startsWith("[")) {
            return Optional.empty();
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        String lower = host.toLowerCase(Locale.ROOT);
        for (String domain : domains) {
            if (lower.endsWith(domain) && lower.length() > domain.length()) {
                String bucket = host.substring(0, host.length() - domain.length());
                // "bucket.s3.localhost" and "bucket.s3.us-east-1.localhost" as well as "bucket.localhost"
                int s3 = bucket.indexOf(".s3");
                return Optional.of(s3 > 0 ? bucket.substring(0, s3) : bucket).filter(name -> !name.equals("s3"));
            }
        }
        return Optional.empty();
    }
}
