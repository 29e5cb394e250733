package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/**
 * IAM's Marker / MaxItems paging over a listing computed whole (IAM's quotas keep listings
 * small). The marker is the position of the next item, opaque to clients.
 */
public record Paging<T>(List<T> items, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker)
{
    public static <T> Paging<T> page(List<T> all, Optional<String> marker, Optional<Integer> maxItems)
    {
        int limit = limit(maxItems);
        int start = 0;
        if (marker.isPresent()) {
            try {
                start = Integer.parseInt(marker.get());
            }
            catch (NumberFormatException e) {
                throw IamErrors.INVALID_INPUT.exception("Invalid Marker.");
            }
            if (start < 0 || start > all.size()) {
                throw IamErrors.INVALID_INPUT.exception("Invalid Marker.");
            }
        }
        int end = Math.min(all.size(), start + limit);
        boolean truncated = end < all.size();
        return new Paging<>(List.copyOf(all.subList(start, end)), truncated, truncated ? Optional.of(Integer.toString(end)) : Optional.empty());
    }

    /** MaxItems: 1..1000, 100 when not given. */
    static int limit(Optional<Integer> maxItems)
    {
        int limit = maxItems.orElse(100);
        if (limit < 1 || limit > 1000) {
            throw IamErrors.VALIDATION_ERROR.exception("1 validation error detected: Value '" + limit
                    + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
        }
        return limit;
    }
}
