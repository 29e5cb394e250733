package dev.tarn.s3.cors;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * An AllowedOrigin or AllowedHeader value: literal text with at most one {@code *}, which stands
 * for any run of characters (none included).
 */
record WildcardPattern(String pattern, boolean ignoreCase)
{
    WildcardPattern
    {
        requireNonNull(pattern, "pattern is null");
        if (wildcards(pattern) > 1) {
            throw new IllegalArgumentException("more than one wildcard: " + pattern);
        }
    }

    static int wildcards(String value)
    {
        return (int) value.chars().filter(c -> c == '*').count();
    }

    boolean isAnything()
    {
        return pattern.equals("*");
    }

    boolean matches(String value)
    {
        String text = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        String expected = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        int star = expected.indexOf('*');
        if (star < 0) {
            return text.equals(expected);
        }
        String prefix = expected.substring(0, star);
        String suffix = expected.substring(star + 1);
        return text.length() >= prefix.length() + suffix.length() && text.startsWith(prefix) && text.endsWith(suffix);
    }
}
