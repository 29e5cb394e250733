package dev.tarn.athena.workgroup;

import dev.tarn.athena.AthenaErrors;
import dev.tarn.athena.model.ResultConfiguration;

import java.util.Optional;

/** Checks and normalizes S3 output locations ({@code s3://bucket/prefix/}). */
public final class OutputLocations
{
    private OutputLocations() {}

    public static void validate(ResultConfiguration configuration)
    {
        configuration.outputLocation().ifPresent(OutputLocations::folder);
        configuration.encryptionConfiguration().ifPresent(encryption -> {
            String option = encryption.encryptionOption();
            if (option == null || !(option.equals("SSE_S3") || option.equals("SSE_KMS") || option.equals("CSE_KMS"))) {
                throw AthenaErrors.invalidInput("1 validation error detected: Value '" + option + "' at 'resultConfiguration.encryptionConfiguration."
                        + "encryptionOption' failed to satisfy constraint: Member must satisfy enum value set: [SSE_S3, SSE_KMS, CSE_KMS]");
            }
            if (!option.equals("SSE_S3") && encryption.kmsKey().isEmpty()) {
                throw AthenaErrors.invalidInput("KmsKey is required for " + option);
            }
        });
    }

    /** The location as a folder, ending in {@code /}; InvalidRequestException when it is no S3 URL with a bucket. */
    public static String folder(String location)
    {
        Optional<S3Location> parsed = S3Location.parse(location);
        if (parsed.isEmpty()) {
            throw AthenaErrors.invalidInput("outputLocation is not a valid S3 path. Provided " + location);
        }
        return location.endsWith("/") ? location : location + "/";
    }

    /** A bucket and key parsed from {@code s3://bucket/key}. */
    public record S3Location(String bucket, String key)
    {
        public static Optional<S3Location> parse(String url)
        {
            if (url == null || !url.startsWith("s3://")) {
                return Optional.empty();
            }
            String rest = url.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            if (!bucket.matches("[a-z0-9][a-z0-9.\\-]*[a-z0-9]")) {
                return Optional.empty();
            }
            return Optional.of(new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1)));
        }
    }
}
