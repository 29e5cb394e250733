package dev.tarn.iam.store;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An IAM OpenID Connect provider as stored.
 *
 * @param url the issuer without its {@code https://} scheme ({@code host[/path]}), as the ARN ends
 */
public record OidcProviderRecord(String accountId, String url, List<String> clientIds, List<String> thumbprints, List<Tag> tags, Instant createDate)
{
    public OidcProviderRecord
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(url, "url is null");
        clientIds = clientIds == null ? List.of() : List.copyOf(clientIds);
        thumbprints = thumbprints == null ? List.of() : List.copyOf(thumbprints);
        tags = tags == null ? List.of() : List.copyOf(tags);
        requireNonNull(createDate, "createDate is null");
    }

    public String arn()
    {
        return "arn:aws:iam::" + accountId + ":oidc-provider/" + url;
    }

    /** The {@code iss} claim of the provider's tokens. */
    public String issuer()
    {
        return "https://" + url;
    }

    public OidcProviderRecord withClientIds(List<String> newClientIds)
    {
        return new OidcProviderRecord(accountId, url, newClientIds, thumbprints, tags, createDate);
    }

    public OidcProviderRecord withThumbprints(List<String> newThumbprints)
    {
        return new OidcProviderRecord(accountId, url, clientIds, newThumbprints, tags, createDate);
    }

    public OidcProviderRecord withTags(List<Tag> newTags)
    {
        return new OidcProviderRecord(accountId, url, clientIds, thumbprints, newTags, createDate);
    }
}
