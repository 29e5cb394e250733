package dev.tarn.iam.store;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A user's long-term access key (AKIA...). */
public record AccessKeyRecord(String accessKeyId, String secretAccessKey, String accountId, String userName, boolean active, Instant createDate)
{
    public AccessKeyRecord
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(userName, "userName is null");
        requireNonNull(createDate, "createDate is null");
    }

    public AccessKeyRecord withActive(boolean newActive)
    {
        return new AccessKeyRecord(accessKeyId, secretAccessKey, accountId, userName, newActive, createDate);
    }

    public AccessKeyRecord withUserName(String newUserName)
    {
        return new AccessKeyRecord(accessKeyId, secretAccessKey, accountId, newUserName, active, createDate);
    }

    public String status()
    {
        return active ? "Active" : "Inactive";
    }
}
