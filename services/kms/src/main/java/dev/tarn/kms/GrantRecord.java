package dev.tarn.kms;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A grant as stored (document {@code kms.grants/<account>/<keyId>/<grantId>}): it lets the
 * grantee perform the listed operations on the key, whatever the key policy says.
 *
 * @param issuingAccount the ARN of the account root that created the grant, as KMS reports it
 * @param encryptionContextSubset constraint: the request's context includes these pairs
 * @param encryptionContextEquals constraint: the request's context is exactly these pairs
 * @param token the grant token handed out by CreateGrant, accepted by RetireGrant
 */
public record GrantRecord(String accountId, String keyId, String grantId, Optional<String> name, Instant creationDate,
        String granteePrincipal, Optional<String> retiringPrincipal, String issuingAccount, List<String> operations,
        Optional<Map<String, String>> encryptionContextSubset, Optional<Map<String, String>> encryptionContextEquals, String token)
{
    public GrantRecord
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(keyId, "keyId is null");
        requireNonNull(grantId, "grantId is null");
        requireNonNull(name, "name is null");
        requireNonNull(creationDate, "creationDate is null");
        requireNonNull(granteePrincipal, "granteePrincipal is null");
        requireNonNull(retiringPrincipal, "retiringPrincipal is null");
        requireNonNull(issuingAccount, "issuingAccount is null");
        operations = List.copyOf(operations);
        encryptionContextSubset = encryptionContextSubset.map(Map::copyOf);
        encryptionContextEquals = encryptionContextEquals.map(Map::copyOf);
        requireNonNull(token, "token is null");
    }

    /** Whether this grant lets its grantee perform {@code operation} with this encryption context. */
    public boolean permits(String operation, Map<String, String> encryptionContext)
    {
        if (!operations.contains(operation)) {
            return false;
        }
        if (encryptionContextEquals.isPresent() && !encryptionContextEquals.get().equals(encryptionContext)) {
            return false;
        }
        return encryptionContextSubset.map(subset -> subset.entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(encryptionContext.get(entry.getKey())))).orElse(true);
    }
}
