package dev.tarn.spi.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An immutable, case-insensitive multimap of HTTP header names to values, in arrival order.
 * Names are kept lower-cased, which is also the form SigV4 canonicalizes them in.
 */
public final class Headers
{
    private static final Headers EMPTY = new Headers(Map.of());

    private final Map<String, List<String>> values;

    private Headers(Map<String, List<String>> values)
    {
        this.values = values;
    }

    public static Headers empty()
    {
        return EMPTY;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public Optional<String> first(String name)
    {
        List<String> list = values.get(name.toLowerCase(Locale.ROOT));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    public List<String> all(String name)
    {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public boolean contains(String name)
    {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Lower-cased names to their values, in arrival order. */
    public Map<String, List<String>> asMap()
    {
        return values;
    }

    public Builder toBuilder()
    {
        Builder builder = new Builder();
        values.forEach((name, list) -> list.forEach(value -> builder.add(name, value)));
        return builder;
    }

    @Override
    public String toString()
    {
        return values.toString();
    }

    public static final class Builder
    {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {}

        public Builder add(String name, String value)
        {
            requireNonNull(value, "value is null");
            values.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder set(String name, String value)
        {
            requireNonNull(value, "value is null");
            List<String> list = new ArrayList<>();
            list.add(value);
            values.put(name.toLowerCase(Locale.ROOT), list);
            return this;
        }

        public Builder setIfPresent(String name, Optional<String> value)
        {
            value.ifPresent(present -> set(name, present));
            return this;
        }

        public Builder remove(String name)
        {
            values.remove(name.toLowerCase(Locale.ROOT));
            return this;
        }

        public Headers build()
        {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
            return new Headers(Collections.unmodifiableMap(copy));
        }
    }
}
