package dev.tarn.policy;

import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.RequestContext;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One question for the evaluator: may this principal perform this action on this resource, in
 * this request context? The context holds the global condition keys derived from the principal
 * and the request (aws:PrincipalArn, aws:username, aws:SourceIp, aws:CurrentTime, ...) and the
 * service keys the caller adds (s3:prefix, ...). Keys are case-insensitive; each has one or
 * more values.
 */
public final class EvaluationRequest
{
    private final RequestPrincipal principal;
    private final String action;
    private final String lowerCaseAction;
    private final String resourceArn;
    private final Optional<String> resourceAccountId;
    private final Map<String, List<String>> context;
    private final VariableResolver variables;

    private EvaluationRequest(RequestPrincipal principal, String action, String resourceArn, Optional<String> resourceAccountId,
            Map<String, List<String>> context)
    {
        this.principal = principal;
        this.action = action;
        this.lowerCaseAction = action.toLowerCase(Locale.ROOT);
        this.resourceArn = resourceArn;
        this.resourceAccountId = resourceAccountId;
        this.context = Map.copyOf(context);
        this.variables = key -> {
            List<String> values = this.context.getOrDefault(key, List.of());
            return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
        };
    }

    public static Builder builder(RequestPrincipal principal, String action, String resourceArn)
    {
        return new Builder(principal, action, resourceArn);
    }

    /**
     * The request a service's authorization check describes, with the global keys of its
     * request context and the service keys of the check.
     */
    public static EvaluationRequest from(RequestContext requestContext, AuthorizationRequest authorization, RequestPrincipal principal)
    {
        requireNonNull(requestContext, "requestContext is null");
        requireNonNull(authorization, "authorization is null");
        Builder builder = builder(principal, authorization.action(), authorization.resourceArn())
                .sourceIp(requestContext.sourceIp())
                .secureTransport(requestContext.secureTransport())
                .currentTime(requestContext.receivedAt())
                .requestedRegion(requestContext.region())
                .contextKeys(authorization.conditionKeys());
        authorization.resourceAccountId().ifPresent(builder::resourceAccountId);
        return builder.build();
    }

    public RequestPrincipal principal()
    {
        return principal;
    }

    public String action()
    {
        return action;
    }

    public String resourceArn()
    {
        return resourceArn;
    }

    /** The account that owns the resource; empty means the principal's own account. */
    public Optional<String> resourceAccountId()
    {
        return resourceAccountId;
    }

    /** The request context: lower-cased keys, each with its values. */
    public Map<String, List<String>> contextKeys()
    {
        return context;
    }

    String lowerCaseAction()
    {
        return lowerCaseAction;
    }

    /** The values of a key (lower case); empty when the request doesn't have it. */
    List<String> contextValues(String lowerCaseKey)
    {
        return context.getOrDefault(lowerCaseKey, List.of());
    }

    VariableResolver variables()
    {
        return variables;
    }

    /** Whether the principal and the resource are in different accounts (anonymous callers and services have none). */
    boolean isCrossAccount()
    {
        return principal.accountId().isEmpty()
                || resourceAccountId.map(account -> !account.equals(principal.accountId().get())).orElse(false);
    }

    @Override
    public String toString()
    {
        return principal.arn() + " " + action + " " + resourceArn;
    }

    public static final class Builder
    {
        private final RequestPrincipal principal;
        private final String action;
        private final String resourceArn;
        private Optional<String> resourceAccountId = Optional.empty();
        private final Map<String, List<String>> derived = new LinkedHashMap<>();
        private final Map<String, List<String>> explicit = new LinkedHashMap<>();

        private Builder(RequestPrincipal principal, String action, String resourceArn)
        {
            this.principal = requireNonNull(principal, "principal is null");
            this.action = requireNonNull(action, "action is null");
            this.resourceArn = requireNonNull(resourceArn, "resourceArn is null");
        }

        public Builder resourceAccountId(String accountId)
        {
            this.resourceAccountId = Optional.of(accountId);
            return this;
        }

        /** aws:SourceIp */
        public Builder sourceIp(String sourceIp)
        {
            return derived("aws:SourceIp", sourceIp);
        }

        /** aws:SecureTransport */
        public Builder secureTransport(boolean secure)
        {
            return derived("aws:SecureTransport", Boolean.toString(secure));
        }

        /** aws:CurrentTime (ISO 8601) and aws:EpochTime (seconds) */
        public Builder currentTime(Instant now)
        {
            derived("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
            return derived("aws:EpochTime", Long.toString(now.getEpochSecond()));
        }

        /** aws:RequestedRegion */
        public Builder requestedRegion(String region)
        {
            return derived("aws:RequestedRegion", region);
        }

        /** A context key with its values; keys given here take precedence over the derived global keys. */
        public Builder contextKey(String key, String... values)
        {
            return contextKey(key, List.of(values));
        }

        public Builder contextKey(String key, List<String> values)
        {
            explicit.put(key.toLowerCase(Locale.ROOT), List.copyOf(values));
            return this;
        }

        public Builder contextKeys(Map<String, List<String>> keys)
        {
            keys.forEach(this::contextKey);
            return this;
        }

        private Builder derived(String key, String value)
        {
            derived.put(key.toLowerCase(Locale.ROOT), List.of(requireNonNull(value, key + " is null")));
            return this;
        }

        public EvaluationRequest build()
        {
            Map<String, List<String>> context = new HashMap<>();
            principalKeys(context);
            context.putAll(derived);
            context.putAll(explicit);
            // a key given with no values is as absent as one not given
            context.values().removeIf(List::isEmpty);
            return new EvaluationRequest(principal, action, resourceArn, resourceAccountId, context);
        }

        private void principalKeys(Map<String, List<String>> context)
        {
            principal.principalArnKey().ifPresent(arn -> context.put("aws:principalarn", List.of(arn)));
            principal.accountId().ifPresent(account -> context.put("aws:principalaccount", List.of(account)));
            principal.type().contextValue().ifPresent(type -> context.put("aws:principaltype", List.of(type)));
            principal.userName().ifPresent(name -> context.put("aws:username", List.of(name)));
            principal.userId().ifPresent(id -> context.put("aws:userid", List.of(id)));
            if (principal.type() == PrincipalType.SERVICE) {
                context.put("aws:principalservicename", List.of(principal.arn()));
            }
            principal.tags().forEach((key, value) -> context.put("aws:principaltag/" + key.toLowerCase(Locale.ROOT), List.of(value)));
        }
    }
}
