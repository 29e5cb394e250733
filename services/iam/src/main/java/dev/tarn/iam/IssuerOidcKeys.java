package dev.tarn.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import dev.tarn.iam.store.OidcProviderRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Keys fetched from the issuer, as AWS gets them: {@code <issuer>/.well-known/openid-configuration}
 * names the {@code jwks_uri}, which is fetched. Keys are kept for {@link #KEEP} and a failure for
 * {@link #RETRY_AFTER}, so an unreachable issuer costs one attempt a minute, not one per token.
 */
public final class IssuerOidcKeys
        implements OidcKeySource
{
    static final Duration KEEP = Duration.ofMinutes(10);
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(IssuerOidcKeys.class);

    private final HttpClient http;
    private final Function<OidcProviderRecord, URI> issuer;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Fetched> fetched = new ConcurrentHashMap<>();

    private record Fetched(Optional<JWKSet> keys, Instant until) {}

    /**
     * @param issuer the base URI of a provider's issuer ({@code https://<url>} for the real thing)
     */
    public IssuerOidcKeys(HttpClient http, Function<OidcProviderRecord, URI> issuer, Clock clock)
    {
        this.http = requireNonNull(http, "http is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public static IssuerOidcKeys https(Clock clock)
    {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        return new IssuerOidcKeys(http, provider -> URI.create(provider.issuer()), clock);
    }

    @Override
    public Optional<JWKSet> keys(OidcProviderRecord provider)
    {
        Instant now = clock.instant();
        Fetched known = fetched.get(provider.url());
        if (known != null && now.isBefore(known.until())) {
            return known.keys();
        }
        Optional<JWKSet> keys = fetch(provider);
        fetched.put(provider.url(), new Fetched(keys, now.plus(keys.isPresent() ? KEEP : RETRY_AFTER)));
        return keys;
    }

    private Optional<JWKSet> fetch(OidcProviderRecord provider)
    {
        URI base = issuer.apply(provider);
        String path = Optional.ofNullable(base.getRawPath()).orElse("");
        URI discovery = base.resolve((path.endsWith("/") ? path : path + "/") + ".well-known/openid-configuration");
        try {
            JsonNode configuration = json.readTree(get(discovery));
            JsonNode jwksUri = configuration.path("jwks_uri");
            if (!jwksUri.isTextual() || !sameScheme(base, URI.create(jwksUri.asText()))) {
                log.warn("{} names no usable jwks_uri", discovery);
                return Optional.empty();
            }
            return Optional.of(JWKSet.parse(get(URI.create(jwksUri.asText()))).toPublicJWKSet());
        }
        catch (IOException | ParseException | IllegalArgumentException e) {
            log.warn("keys of OpenID Connect provider {} could not be fetched from {}: {}", provider.arn(), discovery, e.toString());
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A jwks_uri may not downgrade an https issuer to plain http. */
    private static boolean sameScheme(URI base, URI jwks)
    {
        return jwks.getScheme() != null && jwks.getScheme().equalsIgnoreCase(base.getScheme());
    }

    private String get(URI uri)
            throws IOException, InterruptedException
    {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + uri);
        }
        return response.body();
    }
}
