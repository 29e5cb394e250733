package dev.tarn.kms;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.meta.MetadataStore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Decides whether a caller may perform a KMS operation on a key.
 *
 * <p>Grants come first: when the caller is the grantee of a grant on the key for the operation
 * (and the request's encryption context meets the grant's constraints), the operation is allowed
 * without asking the {@link Authorizer}; grants add permissions and nothing in a key policy or
 * IAM policy takes them away, as on AWS. Otherwise the authorizer decides on
 * {@code kms:<Operation>} against the key ARN, with the key policy as the resource policy and the
 * KMS condition keys of the request. Its access denied is answered as KMS's AccessDeniedException.
 */
final class KeyAccess
{
    /** The operations a grant can allow, as CreateGrant names them. */
    static final Set<String> GRANT_OPERATIONS = Set.of("Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
            "ReEncryptFrom", "ReEncryptTo", "Sign", "Verify", "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey",
            "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateMac", "VerifyMac", "DeriveSharedSecret");

    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:aws:sts::(\\d{12}):assumed-role/([^/]+)/.+");

    private final MetadataStore metadata;
    private final KmsStore store;
    private final Authorizer authorizer;

    KeyAccess(MetadataStore metadata, KmsStore store, Authorizer authorizer)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.store = requireNonNull(store, "store is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
    }

    /** Operations on no particular key (CreateKey, ListKeys, ListAliases, GenerateRandom): resource {@code *}. */
    void authorizeAccount(RequestContext context, String operation)
    {
        authorize(context, new AuthorizationRequest("kms:" + operation, "*", Optional.of(context.caller().accountId()),
                callerConditions(context), Optional.empty()));
    }

    /** Operations on a resource that has no policy of its own (an alias). */
    void authorizeResource(RequestContext context, String operation, String resourceArn, String accountId)
    {
        authorize(context, new AuthorizationRequest("kms:" + operation, resourceArn, Optional.of(accountId), callerConditions(context), Optional.empty()));
    }

    void authorize(RequestContext context, String operation, KeyRecord key)
    {
        authorize(context, operation, key, Map.of());
    }

    void authorize(RequestContext context, String operation, KeyRecord key, Map<String, String> encryptionContext)
    {
        authorize(context, operation, key, encryptionContext, Optional.empty());
    }

    /**
     * @param viaService the endpoint of the AWS service the request came through
     *     ({@code s3.<region>.amazonaws.com}), passed as {@code kms:ViaService}; empty for a direct call
     */
    void authorize(RequestContext context, String operation, KeyRecord key, Map<String, String> encryptionContext, Optional<String> viaService)
    {
        if (key.isAwsManaged()) {
            AwsManagedKeyPolicy.check(context, operation, key, AwsManagedKeys.S3, viaService);
        }
        if (GRANT_OPERATIONS.contains(operation) && grantAllows(context.caller(), operation, key, encryptionContext)) {
            return;
        }
        Map<String, List<String>> conditions = new HashMap<>(callerConditions(context));
        viaService.ifPresent(endpoint -> conditions.put("kms:ViaService", List.of(endpoint)));
        if (!encryptionContext.isEmpty()) {
            conditions.put("kms:EncryptionContextKeys", List.copyOf(encryptionContext.keySet()));
            encryptionContext.forEach((name, value) -> conditions.put("kms:EncryptionContext:" + name, List.of(value)));
        }
        authorize(context, new AuthorizationRequest("kms:" + operation, key.arn(), Optional.of(key.accountId()), conditions,
                Optional.of(key.policy())));
    }

    /** Whether the caller is the grantee of a grant on {@code key} that allows {@code operation}. */
    boolean grantAllows(Caller caller, String operation, KeyRecord key, Map<String, String> encryptionContext)
    {
        Set<String> principals = principalArns(caller);
        return metadata.read(reader -> {
            Optional<String> after = Optional.empty();
            List<GrantRecord> page;
            do {
                page = store.grants(reader, key.accountId(), key.keyId(), after, 1000);
                for (GrantRecord grant : page) {
                    if (principals.contains(grant.granteePrincipal()) && grant.permits(operation, encryptionContext)) {
                        return true;
                    }
                }
                after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).grantId());
            }
            while (page.size() == 1000);
            return false;
        });
    }

    /**
     * The ARNs a grant may name the caller by: its own, and for a role session the role's
     * ({@code arn:aws:sts::<account>:assumed-role/<role>/<session>} acts as {@code arn:aws:iam::<account>:role/<role>}).
     */
    static Set<String> principalArns(Caller caller)
    {
        Matcher session = ASSUMED_ROLE.matcher(caller.arn());
        if (session.matches()) {
            return Set.of(caller.arn(), "arn:aws:iam::" + session.group(1) + ":role/" + session.group(2));
        }
        return Set.of(caller.arn());
    }

    private void authorize(RequestContext context, AuthorizationRequest request)
    {
        try {
            authorizer.authorize(context, request);
        }
        catch (AwsException e) {
            if (e.httpStatus() == 403 || e.code().startsWith("AccessDenied")) {
                throw KmsErrors.ACCESS_DENIED.exception(e.getMessage()).withCause(e);
            }
            throw e;
        }
    }

    private static Map<String, List<String>> callerConditions(RequestContext context)
    {
        return Map.of("kms:CallerAccount", List.of(context.caller().accountId()));
    }
}
