package dev.tarn.policy;

/**
 * ARN matching as IAM does it for Resource and the Arn condition operators: each of the six
 * colon-separated parts is matched on its own, so a wildcard never spans a colon before the
 * resource part; the last part of the pattern takes the rest of the ARN (resource ids may hold
 * colons). A pattern of fewer parts, such as {@code *}, lets its last part take the rest.
 */
final class ArnMatching
{
    private static final int ARN_PARTS = 6;

    private ArnMatching() {}

    static boolean matches(int[] pattern, String arn)
    {
        if (Glob.isMatchAll(pattern)) {
            return true;
        }
        int patternStart = 0;
        int valueStart = 0;
        for (int part = 1; part < ARN_PARTS; part++) {
            int patternColon = indexOf(pattern, patternStart);
            if (patternColon < 0) {
                break;
            }
            int valueColon = arn.indexOf(':', valueStart);
            if (valueColon < 0 || !Glob.matches(pattern, patternStart, patternColon, arn, valueStart, valueColon)) {
                return false;
            }
            patternStart = patternColon + 1;
            valueStart = valueColon + 1;
        }
        return Glob.matches(pattern, patternStart, pattern.length, arn, valueStart, arn.length());
    }

    private static int indexOf(int[] pattern, int from)
    {
        for (int i = from; i < pattern.length; i++) {
            if (pattern[i] == ':') {
                return i;
            }
        }
        return -1;
    }
}
