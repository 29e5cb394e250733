package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.OidcProviderRecord;
import dev.tarn.iam.store.Tag;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/** OpenID Connect identity providers: the issuers whose tokens AssumeRoleWithWebIdentity accepts. */
final class OpenIdConnectProviders
{
    static final int MAX_CLIENT_IDS = 100;
    static final int MAX_THUMBPRINTS = 5;
    static final int MAX_PROVIDERS = 100;

    private final IamContext iam;

    OpenIdConnectProviders(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateOpenIDConnectProvider", CreateRequest.class, this::create));
        registry.operation(new ActionOperation<>("GetOpenIDConnectProvider", ProviderRequest.class, this::get));
        registry.operation(new ActionOperation<>("ListOpenIDConnectProviders", ListRequest.class, this::list));
        registry.operation(new ActionOperation<>("DeleteOpenIDConnectProvider", ProviderRequest.class, this::delete));
        registry.operation(new ActionOperation<>("AddClientIDToOpenIDConnectProvider", ClientIdRequest.class, this::addClientId));
        registry.operation(new ActionOperation<>("RemoveClientIDFromOpenIDConnectProvider", ClientIdRequest.class, this::removeClientId));
        registry.operation(new ActionOperation<>("UpdateOpenIDConnectProviderThumbprint", ThumbprintRequest.class, this::updateThumbprint));
        registry.operation(new ActionOperation<>("TagOpenIDConnectProvider", TagRequest.class, this::tag));
        registry.operation(new ActionOperation<>("UntagOpenIDConnectProvider", UntagRequest.class, this::untag));
        registry.operation(new ActionOperation<>("ListOpenIDConnectProviderTags", ListTagsRequest.class, this::listTags));
    }

    public record CreateRequest(String url, List<String> clientIDList, List<String> thumbprintList, List<Tag> tags) {}

    public record CreateResult(@JsonProperty("OpenIDConnectProviderArn") String openIDConnectProviderArn, List<Tag> tags) {}

    public record ProviderRequest(@JsonProperty("OpenIDConnectProviderArn") String openIDConnectProviderArn) {}

    public record GetResult(String url, @JsonProperty("ClientIDList") List<String> clientIDList, List<String> thumbprintList, Instant createDate,
            List<Tag> tags) {}

    public record ListRequest() {}

    public record ListEntry(String arn) {}

    public record ListResult(@JsonProperty("OpenIDConnectProviderList") List<ListEntry> openIDConnectProviderList) {}

    public record ClientIdRequest(@JsonProperty("OpenIDConnectProviderArn") String openIDConnectProviderArn, @JsonProperty("ClientID") String clientID) {}

    public record ThumbprintRequest(@JsonProperty("OpenIDConnectProviderArn") String openIDConnectProviderArn, List<String> thumbprintList) {}

    public record TagRequest(@JsonProperty("OpenIDConnectProviderArn") String openIDConnectProviderArn, List<Tag> tags) {}

    public record UntagRequest(@JsonProperty("OpenIDConnectProviderArn") String openIDConnectProviderArn, List<String> tagKeys) {}

    public record ListTagsRequest(@JsonProperty("OpenIDConnectProviderArn") String openIDConnectProviderArn, Optional<String> marker,
            Optional<Integer> maxItems) {}

    /** The provider an ARN names, in the given account. */
    static Optional<OidcProviderRecord> find(IamReader reader, String accountId, String arn)
    {
        String prefix = "arn:aws:iam::" + accountId + ":oidc-provider/";
        if (arn == null || !arn.startsWith(prefix)) {
            return Optional.empty();
        }
        return reader.get(Kind.OIDC_PROVIDERS, accountId + "/" + arn.substring(prefix.length()));
    }

    private CreateResult create(RequestContext context, CreateRequest request)
    {
        String account = IamContext.account(context);
        String url = issuerUrl(request.url());
        List<String> clientIds = clientIds(request.clientIDList());
        List<String> thumbprints = thumbprints(request.thumbprintList());
        List<Tag> tags = Validation.tags(request.tags());
        OidcProviderRecord created = new OidcProviderRecord(account, url, clientIds, thumbprints, tags, iam.now());
        iam.authorize(context, "CreateOpenIDConnectProvider", created.arn());
        iam.store().write(writer -> {
            if (writer.get(Kind.OIDC_PROVIDERS, account + "/" + url).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("Provider with url " + created.issuer() + " already exists.");
            }
            if (writer.count(Kind.OIDC_PROVIDERS, account + "/") >= MAX_PROVIDERS) {
                throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for OpenIdConnectProvidersPerAccount: " + MAX_PROVIDERS);
            }
            writer.put(Kind.OIDC_PROVIDERS, account + "/" + url, created);
            return null;
        });
        return new CreateResult(created.arn(), tags);
    }

    private OidcProviderRecord read(RequestContext context, String operation, String arn)
    {
        String account = IamContext.account(context);
        Validation.required("openIDConnectProviderArn", arn);
        iam.authorize(context, operation, arn);
        return iam.store().read(reader -> find(reader, account, arn)).orElseThrow(() -> notFound(arn));
    }

    private static AwsException notFound(String arn)
    {
        return IamErrors.NO_SUCH_ENTITY.exception("OpenIDConnect Provider not found for arn " + arn);
    }

    private GetResult get(RequestContext context, ProviderRequest request)
    {
        OidcProviderRecord provider = read(context, "GetOpenIDConnectProvider", request.openIDConnectProviderArn());
        return new GetResult(provider.url(), provider.clientIds(), provider.thumbprints(), provider.createDate(), provider.tags());
    }

    private ListResult list(RequestContext context, ListRequest request)
    {
        String account = IamContext.account(context);
        iam.authorize(context, "ListOpenIDConnectProviders", "*");
        // at most MAX_PROVIDERS per account, so one read of the account's range is bounded
        List<ListEntry> entries = iam.store().read(reader -> reader.list(Kind.OIDC_PROVIDERS, account + "/")).stream()
                .map(provider -> new ListEntry(provider.arn()))
                .toList();
        return new ListResult(entries);
    }

    private Void delete(RequestContext context, ProviderRequest request)
    {
        String account = IamContext.account(context);
        String arn = Validation.required("openIDConnectProviderArn", request.openIDConnectProviderArn());
        iam.authorize(context, "DeleteOpenIDConnectProvider", arn);
        iam.store().write(writer -> {
            // idempotent, as IAM documents
            find(writer, account, arn).ifPresent(provider -> writer.delete(Kind.OIDC_PROVIDERS, account + "/" + provider.url()));
            return null;
        });
        return null;
    }

    private Void addClientId(RequestContext context, ClientIdRequest request)
    {
        String clientId = clientId(request.clientID());
        update(context, "AddClientIDToOpenIDConnectProvider", request.openIDConnectProviderArn(), provider -> {
            if (provider.clientIds().contains(clientId)) {
                return provider;
            }
            List<String> clientIds = new ArrayList<>(provider.clientIds());
            clientIds.add(clientId);
            return provider.withClientIds(clientIds(clientIds));
        });
        return null;
    }

    private Void removeClientId(RequestContext context, ClientIdRequest request)
    {
        String clientId = clientId(request.clientID());
        update(context, "RemoveClientIDFromOpenIDConnectProvider", request.openIDConnectProviderArn(),
                provider -> provider.withClientIds(provider.clientIds().stream().filter(id -> !id.equals(clientId)).toList()));
        return null;
    }

    private Void updateThumbprint(RequestContext context, ThumbprintRequest request)
    {
        if (request.thumbprintList() == null) {
            throw Validation.error("thumbprintList", "Member must not be null");
        }
        List<String> thumbprints = thumbprints(request.thumbprintList());
        update(context, "UpdateOpenIDConnectProviderThumbprint", request.openIDConnectProviderArn(), provider -> provider.withThumbprints(thumbprints));
        return null;
    }

    private Void tag(RequestContext context, TagRequest request)
    {
        List<Tag> tags = Validation.tags(request.tags());
        update(context, "TagOpenIDConnectProvider", request.openIDConnectProviderArn(), provider -> provider.withTags(Tagging.merge(provider.tags(), tags)));
        return null;
    }

    private Void untag(RequestContext context, UntagRequest request)
    {
        update(context, "UntagOpenIDConnectProvider", request.openIDConnectProviderArn(),
                provider -> provider.withTags(Tagging.remove(provider.tags(), request.tagKeys())));
        return null;
    }

    private Users.ListTagsResult listTags(RequestContext context, ListTagsRequest request)
    {
        OidcProviderRecord provider = read(context, "ListOpenIDConnectProviderTags", request.openIDConnectProviderArn());
        List<Tag> sorted = provider.tags().stream().sorted(Comparator.comparing(Tag::key)).toList();
        Paging<Tag> page = Paging.page(sorted, request.marker(), request.maxItems());
        return new Users.ListTagsResult(page.items(), page.isTruncated(), page.marker());
    }

    private void update(RequestContext context, String operation, String arn, UnaryOperator<OidcProviderRecord> change)
    {
        read(context, operation, arn);
        String account = IamContext.account(context);
        iam.store().write(writer -> {
            OidcProviderRecord provider = find(writer, account, arn).orElseThrow(() -> notFound(arn));
            writer.put(Kind.OIDC_PROVIDERS, account + "/" + provider.url(), change.apply(provider));
            return null;
        });
    }

    /** {@code https://host[:port][/path]} without query or fragment; the stored form drops the scheme and a trailing slash. */
    static String issuerUrl(String url)
    {
        Validation.required("url", url);
        if (url.length() > 255) {
            throw Validation.error("url", "Member must have length less than or equal to 255");
        }
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException e) {
            throw IamErrors.VALIDATION_ERROR.exception("Invalid Open ID Connect Provider URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw IamErrors.VALIDATION_ERROR.exception("Invalid Open ID Connect Provider URL");
        }
        String path = Optional.ofNullable(uri.getRawPath()).orElse("");
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path;
    }

    private static List<String> clientIds(List<String> given)
    {
        List<String> clientIds = given == null ? List.of() : given.stream().map(OpenIdConnectProviders::clientId).distinct().toList();
        if (clientIds.size() > MAX_CLIENT_IDS) {
            throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + MAX_CLIENT_IDS);
        }
        return clientIds;
    }

    private static String clientId(String clientId)
    {
        Validation.required("clientID", clientId);
        if (clientId.length() > 255) {
            throw Validation.error("clientID", "Member must have length less than or equal to 255");
        }
        return clientId;
    }

    private static List<String> thumbprints(List<String> given)
    {
        List<String> thumbprints = given == null ? List.of() : List.copyOf(given);
        if (thumbprints.size() > MAX_THUMBPRINTS) {
            throw IamErrors.INVALID_INPUT.exception("Thumbprint list must contain fewer than " + MAX_THUMBPRINTS + " entries.");
        }
        for (String thumbprint : thumbprints) {
            if (thumbprint.length() != 40) {
                throw IamErrors.VALIDATION_ERROR.exception("1 validation error detected: Value '" + thumbprints
                        + "' at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]");
            }
        }
        return thumbprints;
    }
}
