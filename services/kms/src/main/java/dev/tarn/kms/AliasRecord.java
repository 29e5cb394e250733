package dev.tarn.kms;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An alias as stored (document {@code kms.aliases/<account>/<aliasName>}). */
public record AliasRecord(String accountId, String aliasName, String targetKeyId, Instant creationDate, Instant lastUpdatedDate)
{
    public AliasRecord
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(aliasName, "aliasName is null");
        requireNonNull(targetKeyId, "targetKeyId is null");
        requireNonNull(creationDate, "creationDate is null");
        requireNonNull(lastUpdatedDate, "lastUpdatedDate is null");
    }
}
