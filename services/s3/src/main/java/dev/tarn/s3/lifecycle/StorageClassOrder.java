package dev.tarn.s3.lifecycle;

import java.util.Map;

/** Transitions only move objects to colder storage classes; this is the order, warmest first. */
final class StorageClassOrder
{
    private static final Map<String, Integer> RANK = Map.of(
            "STANDARD", 0, "REDUCED_REDUNDANCY", 0, "INTELLIGENT_TIERING", 1, "STANDARD_IA", 2, "ONEZONE_IA", 3,
            "GLACIER_IR", 4, "GLACIER", 5, "DEEP_ARCHIVE", 6);

    private StorageClassOrder() {}

    static boolean colder(String candidate, String current)
    {
        return RANK.getOrDefault(candidate, 0) > RANK.getOrDefault(current, 0);
    }
}
