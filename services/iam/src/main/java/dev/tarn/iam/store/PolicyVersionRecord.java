package dev.tarn.iam.store;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

public record PolicyVersionRecord(String versionId, String document, Instant createDate)
{
    public PolicyVersionRecord
    {
        requireNonNull(versionId, "versionId is null");
        requireNonNull(document, "document is null");
        requireNonNull(createDate, "createDate is null");
    }
}
