package dev.tarn.cloudformation.api;

import dev.tarn.cloudformation.CloudFormationErrors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * NextToken paging of the list operations. Items are ordered by a sort key and a token is the
 * key of the last item of its page, so the next page resumes after it whatever was added or
 * removed meanwhile: nothing is listed twice, and nothing that stayed is skipped.
 */
final class Pages
{
    /** Items per page, as CloudFormation's list operations answer (they take no MaxResults). */
    static final int PAGE_SIZE = 100;

    private Pages() {}

    record Page<T>(List<T> items, Optional<String> nextToken)
    {
        String token()
        {
            return nextToken.orElse(null);
        }
    }

    static <T> Page<T> page(List<T> items, Function<T, String> sortKey, String nextToken)
    {
        Optional<String> after = Optional.ofNullable(nextToken).filter(token -> !token.isEmpty()).map(Pages::decode);
        List<T> remaining = items.stream()
                .filter(item -> after.isEmpty() || sortKey.apply(item).compareTo(after.get()) > 0)
                .sorted(Comparator.comparing(sortKey))
                .toList();
        if (remaining.size() <= PAGE_SIZE) {
            return new Page<>(remaining, Optional.empty());
        }
        List<T> page = remaining.subList(0, PAGE_SIZE);
        return new Page<>(page, Optional.of(encode(sortKey.apply(page.get(PAGE_SIZE - 1)))));
    }

    /** A zero-padded number, so that keys made of numbers sort as the numbers do. */
    static String number(long value)
    {
        return String.format("%019d", value);
    }

    private static String encode(String key)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token)
    {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw CloudFormationErrors.validation("Invalid NextToken: " + token);
        }
    }
}
