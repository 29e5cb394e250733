package dev.tarn.s3.bucket;

import dev.tarn.s3.S3Errors;

import java.util.Optional;
import java.util.Set;

/**
 * CreateBucket's LocationConstraint, checked as a regional S3 endpoint does: a server serves one
 * region, so the constraint must name it, except in us-east-1 where it must be left out.
 */
public final class LocationConstraints
{
    public static final String US_EAST_1 = "us-east-1";

    /** The values S3's API accepts for a location constraint (BucketLocationConstraint). */
    private static final Set<String> KNOWN = Set.of(
            "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
            "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "cn-north-1", "cn-northwest-1", "EU",
            "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-2", "us-gov-east-1",
            "us-gov-west-1", "us-west-1", "us-west-2");

    private LocationConstraints() {}

    /** Throws unless a bucket with this constraint may be created in {@code region}. */
    public static void check(Optional<String> constraint, String region)
    {
        // an empty LocationConstraint element means us-east-1, as leaving it out does
        Optional<String> value = constraint.map(String::strip).filter(text -> !text.isEmpty());
        if (value.isEmpty()) {
            if (!region.equals(US_EAST_1)) {
                throw S3Errors.ILLEGAL_LOCATION_CONSTRAINT.exception();
            }
            return;
        }
        String named = value.get();
        if (named.equals(region) && !named.equals(US_EAST_1)) {
            return;
        }
        if (named.equals(US_EAST_1) || !(KNOWN.contains(named) || named.equals(region))) {
            throw S3Errors.INVALID_LOCATION_CONSTRAINT.exception().with("LocationConstraint", named);
        }
        throw S3Errors.ILLEGAL_LOCATION_CONSTRAINT.exception(
                "The " + named + " location constraint is incompatible for the region specific endpoint this request was sent to.");
    }

    /** GetBucketLocation's value: the region, or nothing for us-east-1. */
    public static String of(String region)
    {
        return region.equals(US_EAST_1) ? "" : region;
    }
}
