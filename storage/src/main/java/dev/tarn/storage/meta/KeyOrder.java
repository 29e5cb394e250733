package dev.tarn.storage.meta;

import java.util.Comparator;
import java.util.Optional;

/**
 * The order of object keys in S3 listings: by their UTF-8 bytes. For valid Unicode text that is
 * the order of code points, which differs from {@link String#compareTo} (UTF-16 code units) once
 * characters beyond U+FFFF meet characters in U+E000..U+FFFF.
 */
public final class KeyOrder
{
    /** Compares keys as S3 orders them. */
    public static final Comparator<String> UTF8 = KeyOrder::compare;

    private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

    private KeyOrder() {}

    public static int compare(String left, String right)
    {
        int length = Math.min(left.length(), right.length());
        for (int i = 0; i < length; i++) {
            char a = left.charAt(i);
            char b = right.charAt(i);
            if (a != b) {
                // surrogates (U+D800..U+DFFF) encode code points above U+FFFF, so they sort after U+E000..U+FFFF
                return Integer.compare(codePointOrderWeight(a), codePointOrderWeight(b));
            }
        }
        return Integer.compare(left.length(), right.length());
    }

    /**
     * The smallest key greater than every key starting with {@code prefix}, so that "starts with
     * prefix" is the range {@code prefix <= key < prefixEnd(prefix)}. Empty when no key is
     * greater than all of them (an empty prefix, or one made only of U+10FFFF).
     */
    public static Optional<String> prefixEnd(String prefix)
    {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int lastStart = end - Character.charCount(last);
            if (last != MAX_CODE_POINT) {
                int next = last + 1;
                if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1;
                }
                return Optional.of(new StringBuilder(lastStart + 2)
                        .append(prefix, 0, lastStart)
                        .appendCodePoint(next)
                        .toString());
            }
            end = lastStart;
        }
        return Optional.empty();
    }

    private static int codePointOrderWeight(char c)
    {
        if (c >= Character.MIN_SURROGATE) {
            // U+D800..U+DFFF -> above U+FFFF; U+E000..U+FFFF -> just below the surrogates
            return c <= Character.MAX_SURROGATE ? c + 0x2000 : c - 0x800;
        }
        return c;
    }
}
