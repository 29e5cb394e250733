package dev.tarn.policy;

/**
 * Wildcard matching over compiled patterns. A pattern is an int array: a non-negative entry is
 * a literal character, {@link #STAR} matches any run of characters (also none) and
 * {@link #ANY_ONE} exactly one. Literal characters from variables and escapes are plain entries,
 * so a {@code *} in a user name never acts as a wildcard. Matching allocates nothing.
 */
final class Glob
{
    static final int STAR = -1;
    static final int ANY_ONE = -2;

    private Glob() {}

    static boolean matches(int[] pattern, String value)
    {
        return matches(pattern, 0, pattern.length, value, 0, value.length());
    }

    /** Whether pattern[patternFrom, patternTo) matches value[valueFrom, valueTo), case-sensitively. */
    static boolean matches(int[] pattern, int patternFrom, int patternTo, String value, int valueFrom, int valueTo)
    {
        int p = patternFrom;
        int v = valueFrom;
        int starPattern = -1;
        int starValue = -1;
        while (v < valueTo) {
            if (p < patternTo && (pattern[p] == ANY_ONE || pattern[p] == value.charAt(v))) {
                p++;
                v++;
            }
            else if (p < patternTo && pattern[p] == STAR) {
                starPattern = p++;
                starValue = v;
            }
            else if (starPattern >= 0) {
                // let the last star swallow one more character and retry from there
                p = starPattern + 1;
                v = ++starValue;
            }
            else {
                return false;
            }
        }
        while (p < patternTo && pattern[p] == STAR) {
            p++;
        }
        return p == patternTo;
    }

    /** The pattern with wildcards read as the characters they are written with. */
    static String literal(int[] pattern)
    {
        StringBuilder text = new StringBuilder(pattern.length);
        for (int token : pattern) {
            text.append(switch (token) {
                case STAR -> '*';
                case ANY_ONE -> '?';
                default -> (char) token;
            });
        }
        return text.toString();
    }

    static boolean isMatchAll(int[] pattern)
    {
        return pattern.length == 1 && pattern[0] == STAR;
    }
}
