package dev.tarn.iam.store;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** When an access key last authenticated a request, and for which service and region (GetAccessKeyLastUsed). */
public record KeyUseRecord(Instant date, String serviceName, String region)
{
    public KeyUseRecord
    {
        requireNonNull(date, "date is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(region, "region is null");
    }
}
