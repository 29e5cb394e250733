package dev.tarn.iam;

import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * IAM's Marker / MaxItems paging read from the store in id order, for the listings that grow
 * with an account (users, groups, roles, policies): a page reads what it returns (and what a
 * path filter skips), never the whole account. The marker is the last returned id, base64url.
 */
final class StorePaging
{
    private static final int BATCH = 1000;

    private StorePaging() {}

    static <T, R> Paging<R> page(IamReader reader, Kind<T> kind, String idPrefix, Optional<String> marker, Optional<Integer> maxItems,
            Predicate<T> filter, Function<T, R> map)
    {
        int limit = Paging.limit(maxItems);
        Optional<String> after = marker.map(value -> decode(value, idPrefix));
        List<IamReader.Entry<T>> found = new ArrayList<>();
        while (found.size() <= limit) {
            int batch = Math.min(BATCH, limit + 1 - found.size() + 16);
            List<IamReader.Entry<T>> entries = reader.page(kind, idPrefix, after, batch);
            for (IamReader.Entry<T> entry : entries) {
                if (found.size() <= limit && filter.test(entry.value())) {
                    found.add(entry);
                }
            }
            if (entries.size() < batch) {
                break;
            }
            after = Optional.of(entries.get(entries.size() - 1).id());
        }
        boolean truncated = found.size() > limit;
        List<IamReader.Entry<T>> items = truncated ? found.subList(0, limit) : found;
        Optional<String> next = truncated ? Optional.of(encode(items.get(items.size() - 1).id())) : Optional.empty();
        return new Paging<>(items.stream().map(entry -> map.apply(entry.value())).toList(), truncated, next);
    }

    private static String encode(String id)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker, String idPrefix)
    {
        String id;
        try {
            id = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw IamErrors.INVALID_INPUT.exception("Invalid Marker.");
        }
        if (!id.startsWith(idPrefix)) {
            throw IamErrors.INVALID_INPUT.exception("Invalid Marker.");
        }
        return id;
    }
}
