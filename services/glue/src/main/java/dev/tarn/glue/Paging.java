package dev.tarn.glue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * MaxResults and NextToken. A token is the base64url of the last returned item's document id, so
 * a listing resumes after it however the catalog changed meanwhile.
 */
public final class Paging
{
    private Paging() {}

    public static int limit(Optional<Integer> maxResults, int defaultLimit, int maxLimit)
    {
        int value = maxResults.orElse(defaultLimit);
        if (value < 1 || value > maxLimit) {
            throw GlueErrors.invalidInput("MaxResults must be between 1 and " + maxLimit);
        }
        return value;
    }

    public static Optional<String> after(Optional<String> nextToken)
    {
        return nextToken.filter(token -> !token.isEmpty()).map(token -> {
            try {
                return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            }
            catch (IllegalArgumentException e) {
                throw GlueErrors.invalidInput("Invalid NextToken");
            }
        });
    }

    public static String token(String lastId)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    /** A page of at most {@code limit} items read as {@code limit + 1}, and the token of what follows. */
    public record Page<T>(List<T> items, Optional<String> nextToken)
    {
        public static <T> Page<T> of(List<T> readOneMore, int limit, Function<T, String> idOf)
        {
            if (readOneMore.size() <= limit) {
                return new Page<>(List.copyOf(readOneMore), Optional.empty());
            }
            List<T> items = List.copyOf(readOneMore.subList(0, limit));
            return new Page<>(items, Optional.of(token(idOf.apply(items.get(limit - 1)))));
        }
    }
}
