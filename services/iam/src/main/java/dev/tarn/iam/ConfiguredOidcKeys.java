package dev.tarn.iam;

import com.nimbusds.jose.jwk.JWKSet;
import dev.tarn.iam.store.OidcProviderRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Keys an administrator placed in the installation: the JWKS file
 * {@code <directory>/<url-encoded provider url>.json} (for {@code https://idp.example.com/tenant}
 * the file {@code idp.example.com%2Ftenant.json}), read at each use so that a replaced file takes
 * effect at once. A provider without a file gets its keys from the fallback (its issuer).
 */
public final class ConfiguredOidcKeys
        implements OidcKeySource
{
    private static final Logger log = LoggerFactory.getLogger(ConfiguredOidcKeys.class);

    private final Path directory;
    private final OidcKeySource fallback;

    public ConfiguredOidcKeys(Path directory, OidcKeySource fallback)
    {
        this.directory = requireNonNull(directory, "directory is null");
        this.fallback = requireNonNull(fallback, "fallback is null");
    }

    public static Path file(Path directory, String providerUrl)
    {
        return directory.resolve(URLEncoder.encode(providerUrl, StandardCharsets.UTF_8) + ".json");
    }

    @Override
    public Optional<JWKSet> keys(OidcProviderRecord provider)
    {
        Path file = file(directory, provider.url());
        if (!Files.isRegularFile(file)) {
            return fallback.keys(provider);
        }
        try {
            // public keys only: a JWKS file with private parts still verifies, and nothing private is kept
            return Optional.of(JWKSet.parse(Files.readString(file)).toPublicJWKSet());
        }
        catch (IOException | ParseException e) {
            log.warn("JWKS file {} of OpenID Connect provider {} is unreadable: {}", file, provider.arn(), e.toString());
            return Optional.empty();
        }
    }
}
