package dev.tarn.s3.cors;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One CORSRule, validated: the methods it allows, the origins (one wildcard each, compared as
 * sent) and request headers (one wildcard each, compared ignoring case) it accepts, the response
 * headers it exposes and how long a browser may cache a preflight.
 */
public record CorsRule(Optional<String> id, List<String> allowedMethods, List<String> allowedOrigins, List<String> allowedHeaders,
        List<String> exposeHeaders, OptionalInt maxAgeSeconds)
{
    /** The methods a rule may name, as S3 accepts them. */
    public static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");

    public CorsRule
    {
        requireNonNull(id, "id is null");
        allowedMethods = List.copyOf(allowedMethods);
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
        requireNonNull(maxAgeSeconds, "maxAgeSeconds is null");
    }

    /** The first of this rule's origins that matches {@code origin}, if any. */
    Optional<String> matchingOrigin(String origin)
    {
        return allowedOrigins.stream().filter(pattern -> new WildcardPattern(pattern, false).matches(origin)).findFirst();
    }

    boolean allowsMethod(String method)
    {
        return allowedMethods.contains(method);
    }

    boolean allowsHeader(String header)
    {
        return allowedHeaders.stream().anyMatch(pattern -> new WildcardPattern(pattern, true).matches(header));
    }
}
