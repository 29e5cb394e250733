package dev.tarn.storage.meta.sqlite;

import dev.tarn.storage.meta.KeyOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The keys of a listing as one index range: {@code object_key >= prefix} or
 * {@code object_key > marker} (whichever is tighter), and {@code object_key < prefixEnd(prefix)}.
 * Computing the tighter lower bound here, rather than giving SQLite both, keeps it from starting
 * the range at the prefix and filtering its way to the marker.
 */
record KeyBounds(String condition, List<Object> parameters)
{
    KeyBounds
    {
        requireNonNull(condition, "condition is null");
        parameters = List.copyOf(parameters);
    }

    static KeyBounds of(String prefix, Optional<String> exclusiveStart)
    {
        return of("object_key", prefix, exclusiveStart);
    }

    /** The same range over another key column (document ids). */
    static KeyBounds of(String column, String prefix, Optional<String> exclusiveStart)
    {
        StringBuilder condition = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        if (exclusiveStart.isPresent() && KeyOrder.compare(exclusiveStart.get(), prefix) >= 0) {
            condition.append(column).append(" > ?");
            parameters.add(exclusiveStart.get());
        }
        else {
            condition.append(column).append(" >= ?");
            parameters.add(prefix);
        }
        Optional<String> end = KeyOrder.prefixEnd(prefix);
        if (end.isPresent()) {
            condition.append(" AND ").append(column).append(" < ?");
            parameters.add(end.get());
        }
        return new KeyBounds(condition.toString(), parameters);
    }
}
