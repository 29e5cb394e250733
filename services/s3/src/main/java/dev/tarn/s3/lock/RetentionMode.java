package dev.tarn.s3.lock;

import java.util.Optional;

/**
 * GOVERNANCE: callers with s3:BypassGovernanceRetention may shorten or remove the retention, or
 * delete the version, by saying so (x-amz-bypass-governance-retention). COMPLIANCE: nobody can,
 * not even the account's root user, until the retention date has passed.
 */
public enum RetentionMode
{
    GOVERNANCE, COMPLIANCE;

    public static Optional<RetentionMode> parse(String value)
    {
        for (RetentionMode mode : values()) {
            if (mode.name().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
