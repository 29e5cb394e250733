package dev.tarn.s3.object;

import dev.tarn.s3.S3Errors;

import java.util.Optional;
import java.util.Set;

/** The storage classes an object can be written with, and which of them are archived. */
public final class StorageClasses
{
    public static final String STANDARD = "STANDARD";
    private static final Set<String> WRITABLE = Set.of(
            STANDARD, "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR");
    private static final Set<String> ARCHIVED = Set.of("GLACIER", "DEEP_ARCHIVE");

    private StorageClasses() {}

    /** The x-amz-storage-class header's class, STANDARD when absent; InvalidStorageClass when unknown. */
    public static String fromHeader(Optional<String> header)
    {
        if (header.isEmpty()) {
            return STANDARD;
        }
        String value = header.get();
        if (!WRITABLE.contains(value)) {
            throw S3Errors.INVALID_STORAGE_CLASS.exception().with("StorageClassRequested", value);
        }
        return value;
    }

    /** Whether reading the object's bytes needs a RestoreObject first. */
    public static boolean isArchived(String storageClass)
    {
        return ARCHIVED.contains(storageClass);
    }
}
