package dev.tarn.athena.model;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Where a query's results go and how they are encrypted (Athena's ResultConfiguration). */
public record ResultConfiguration(Optional<String> outputLocation, Optional<EncryptionConfiguration> encryptionConfiguration,
        Optional<String> expectedBucketOwner, Optional<AclConfiguration> aclConfiguration)
{
    public ResultConfiguration
    {
        requireNonNull(outputLocation, "outputLocation is null");
        requireNonNull(encryptionConfiguration, "encryptionConfiguration is null");
        requireNonNull(expectedBucketOwner, "expectedBucketOwner is null");
        requireNonNull(aclConfiguration, "aclConfiguration is null");
    }

    public static ResultConfiguration empty()
    {
        return new ResultConfiguration(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public record EncryptionConfiguration(String encryptionOption, Optional<String> kmsKey) {}

    public record AclConfiguration(String s3AclOption) {}
}
