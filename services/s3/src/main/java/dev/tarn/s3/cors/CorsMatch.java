package dev.tarn.s3.cors;

import dev.tarn.spi.http.Headers;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The rule that allowed a cross-origin request, and the Access-Control headers S3 answers with:
 * {@code *} as the allowed origin when the rule allows any origin (and then no credentials), the
 * request's origin with Allow-Credentials otherwise.
 */
public record CorsMatch(CorsRule rule, String origin, boolean anyOrigin)
{
    /** Responses differ by these request headers, so caches must keep them apart. */
    static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

    public CorsMatch
    {
        requireNonNull(rule, "rule is null");
        requireNonNull(origin, "origin is null");
    }

    /** The headers of an allowed actual (non-preflight) request's response. */
    void addTo(Headers.Builder headers)
    {
        headers.set("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        if (!anyOrigin) {
            headers.set("Access-Control-Allow-Credentials", "true");
        }
        headers.set("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!rule.exposeHeaders().isEmpty()) {
            headers.set("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        rule.maxAgeSeconds().ifPresent(seconds -> headers.set("Access-Control-Max-Age", Integer.toString(seconds)));
        headers.set("Vary", VARY);
    }

    /** The headers of an allowed preflight's response: those of an actual request, and the request headers allowed. */
    void addPreflightTo(Headers.Builder headers, List<String> requestHeaders)
    {
        addTo(headers);
        if (!requestHeaders.isEmpty()) {
            headers.set("Access-Control-Allow-Headers", String.join(", ", requestHeaders));
        }
    }
}
