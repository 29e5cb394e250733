package dev.tarn.kms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Limit and Marker of the List operations. Markers are opaque to clients: the base64url of the
 * last item's sort key, so a page resumes after it however the list changed meanwhile.
 */
final class Paging
{
    private Paging() {}

    static int limit(Optional<Integer> limit, int defaultLimit)
    {
        int value = limit.orElse(defaultLimit);
        if (value < 1 || value > 1000) {
            throw KmsErrors.validation("limit", "Member must have value between 1 and 1000");
        }
        return value;
    }

    static Optional<String> after(Optional<String> marker)
    {
        return marker.map(text -> {
            try {
                return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            }
            catch (IllegalArgumentException e) {
                throw KmsErrors.INVALID_MARKER.exception("Invalid marker: " + text);
            }
        });
    }

    static String marker(String lastSortKey)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastSortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** A page of at most {@code limit} items read as {@code limit + 1}, and whether more follow. */
    record Page<T>(List<T> items, boolean truncated)
    {
        static <T> Page<T> of(List<T> readOneMore, int limit)
        {
            boolean truncated = readOneMore.size() > limit;
            return new Page<>(truncated ? readOneMore.subList(0, limit) : readOneMore, truncated);
        }
    }
}
