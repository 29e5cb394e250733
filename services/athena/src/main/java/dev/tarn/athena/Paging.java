package dev.tarn.athena;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * MaxResults and NextToken of Athena's listings. A token is the base64url of the last returned
 * item's document id, so a listing resumes after it however the items changed meanwhile.
 */
public final class Paging
{
    private Paging() {}

    /** MaxResults within Athena's bounds for the operation; InvalidRequestException otherwise. */
    public static int limit(Optional<Integer> maxResults, int minimum, int maximum, int defaultLimit)
    {
        int value = maxResults.orElse(defaultLimit);
        if (value < minimum || value > maximum) {
            throw AthenaErrors.invalidInput("1 validation error detected: Value '" + value + "' at 'maxResults' failed to satisfy constraint: "
                    + "Member must have value " + (value < minimum ? "greater than or equal to " + minimum : "less than or equal to " + maximum));
        }
        return value;
    }

    public static Optional<String> after(Optional<String> nextToken)
    {
        return nextToken.filter(token -> !token.isEmpty()).map(Paging::decode);
    }

    public static String decode(String token)
    {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw AthenaErrors.invalidInput("Invalid NextToken: " + token);
        }
    }

    public static String token(String value)
    {
        return dev.tarn.glue.Paging.token(value);
    }

    /** A page of at most {@code limit} items read as {@code limit + 1}, and the token of what follows (as Glue's). */
    public record Page<T>(List<T> items, Optional<String> nextToken)
    {
        public static <T> Page<T> of(List<T> readOneMore, int limit, Function<T, String> idOf)
        {
            dev.tarn.glue.Paging.Page<T> page = dev.tarn.glue.Paging.Page.of(readOneMore, limit, idOf);
            return new Page<>(page.items(), page.nextToken());
        }
    }
}
