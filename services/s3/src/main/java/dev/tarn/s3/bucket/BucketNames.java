package dev.tarn.s3.bucket;

import dev.tarn.s3.S3Errors;

import java.util.List;
import java.util.regex.Pattern;

/** The naming rules of general purpose buckets, as the S3 user guide lists them. */
public final class BucketNames
{
    private static final Pattern CHARACTERS = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketNames() {}

    public static boolean isValid(String name)
    {
        return CHARACTERS.matcher(name).matches()
                && !name.contains("..")
                && !IP_ADDRESS.matcher(name).matches()
                && RESERVED_PREFIXES.stream().noneMatch(name::startsWith)
                && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
    }

    /** Throws InvalidBucketName unless the name may be given to a new bucket. */
    public static void check(String name)
    {
        if (!isValid(name)) {
            throw S3Errors.INVALID_BUCKET_NAME.exception().with("BucketName", name);
        }
    }
}
