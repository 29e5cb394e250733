package dev.tarn.athena.model;

import java.util.Optional;

/** The settings of a work group that Tarn honours; other members of the model are accepted and ignored. */
public record WorkGroupConfiguration(Optional<ResultConfiguration> resultConfiguration, Optional<Boolean> enforceWorkGroupConfiguration,
        Optional<Boolean> publishCloudWatchMetricsEnabled, Optional<Long> bytesScannedCutoffPerQuery, Optional<Boolean> requesterPaysEnabled,
        Optional<EngineVersion> engineVersion)
{
    public WorkGroupConfiguration
    {
        resultConfiguration = resultConfiguration == null ? Optional.empty() : resultConfiguration;
        enforceWorkGroupConfiguration = enforceWorkGroupConfiguration == null ? Optional.empty() : enforceWorkGroupConfiguration;
        publishCloudWatchMetricsEnabled = publishCloudWatchMetricsEnabled == null ? Optional.empty() : publishCloudWatchMetricsEnabled;
        bytesScannedCutoffPerQuery = bytesScannedCutoffPerQuery == null ? Optional.empty() : bytesScannedCutoffPerQuery;
        requesterPaysEnabled = requesterPaysEnabled == null ? Optional.empty() : requesterPaysEnabled;
        engineVersion = engineVersion == null ? Optional.empty() : engineVersion;
    }

    /** What a new work group has when the request leaves a member out, as Athena reports it. */
    public WorkGroupConfiguration withDefaults()
    {
        return new WorkGroupConfiguration(resultConfiguration.or(() -> Optional.of(ResultConfiguration.empty())),
                enforceWorkGroupConfiguration.or(() -> Optional.of(true)), publishCloudWatchMetricsEnabled.or(() -> Optional.of(true)),
                bytesScannedCutoffPerQuery, requesterPaysEnabled.or(() -> Optional.of(false)), Optional.of(EngineVersion.current()));
    }

    /** Whether the work group's settings override what a query asks for (Athena's default: yes). */
    public boolean enforced()
    {
        return enforceWorkGroupConfiguration.orElse(true);
    }
}
