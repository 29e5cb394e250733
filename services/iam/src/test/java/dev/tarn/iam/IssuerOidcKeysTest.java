package dev.tarn.iam;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.tarn.iam.store.OidcProviderRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery as AWS does it: openid-configuration, then its jwks_uri. The issuer here is a plain
 * HTTP server on the loopback interface standing in for the https issuer.
 */
class IssuerOidcKeysTest
{
    private HttpServer http;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<String> keys = new AtomicReference<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final OidcProviderRecord provider = new OidcProviderRecord("111122223333", "idp.example/tenant", List.of("app"), List.of(), List.of(),
            Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start()
            throws IOException
    {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        http.createContext("/tenant/.well-known/openid-configuration", exchange -> {
            requests.incrementAndGet();
            respond(exchange, 200, "{\"issuer\":\"https://idp.example/tenant\",\"jwks_uri\":\"" + base + "/keys\"}");
        });
        http.createContext("/keys", exchange -> {
            requests.incrementAndGet();
            String body = keys.get();
            respond(exchange, body == null ? 503 : 200, body == null ? "down" : body);
        });
        http.start();
    }

    @AfterEach
    void stop()
    {
        http.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private IssuerOidcKeys source()
    {
        Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        Clock moving = new Clock()
        {
            @Override
            public ZoneOffset getZone()
            {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone)
            {
                return clock;
            }

            @Override
            public Instant instant()
            {
                return now.get();
            }
        };
        URI issuer = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/tenant");
        return new IssuerOidcKeys(HttpClient.newHttpClient(), ignored -> issuer, moving);
    }

    @Test
    void keysAreDiscoveredKeptAndRefetched()
            throws Exception
    {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        keys.set(new JWKSet(key).toString(false));
        IssuerOidcKeys source = source();

        JWKSet found = source.keys(provider).orElseThrow();
        assertThat(found.getKeyByKeyId("k1")).isNotNull();
        assertThat(found.getKeyByKeyId("k1").isPrivate()).isFalse();
        assertThat(requests.get()).isEqualTo(2);

        // kept: no new requests within the keeping time
        source.keys(provider);
        assertThat(requests.get()).isEqualTo(2);

        // the issuer rotates its keys: seen after the keeping time
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
        keys.set(new JWKSet(rotated).toString());
        now.set(now.get().plus(IssuerOidcKeys.KEEP).plusSeconds(1));
        assertThat(source.keys(provider).orElseThrow().getKeyByKeyId("k2")).isNotNull();
    }

    @Test
    void anUnreachableIssuerGivesNoKeysAndIsRetriedLater()
    {
        IssuerOidcKeys source = source();
        assertThat(source.keys(provider)).isEmpty();
        int afterFirst = requests.get();
        assertThat(source.keys(provider)).isEmpty();
        assertThat(requests.get()).isEqualTo(afterFirst);

        keys.set("{\"keys\":[]}");
        now.set(now.get().plus(IssuerOidcKeys.RETRY_AFTER).plus(Duration.ofSeconds(1)));
        assertThat(source.keys(provider)).isPresent();
    }
}
