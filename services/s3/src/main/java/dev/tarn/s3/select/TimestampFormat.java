package dev.tarn.s3.select;

import java.util.List;

/**
 * S3 Select's TO_STRING patterns (letters as in AWS's "Date functions" reference: y, M, d, H, h,
 * m, s, S, a, n, X, x, with 'quoted' text) rewritten as a DuckDB strftime format.
 */
final class TimestampFormat
{
    private record Symbol(String pattern, String strftime) {}

    // Longest first, so "yyyy" wins over "yy" and "MMMM" over "MM".
    private static final List<Symbol> SYMBOLS = List.of(
            new Symbol("yyyy", "%Y"), new Symbol("yy", "%y"), new Symbol("y", "%Y"),
            new Symbol("MMMM", "%B"), new Symbol("MMM", "%b"), new Symbol("MM", "%m"), new Symbol("M", "%-m"),
            new Symbol("dd", "%d"), new Symbol("d", "%-d"),
            new Symbol("HH", "%H"), new Symbol("H", "%-H"), new Symbol("hh", "%I"), new Symbol("h", "%-I"),
            new Symbol("mm", "%M"), new Symbol("m", "%-M"), new Symbol("ss", "%S"), new Symbol("s", "%-S"),
            new Symbol("SSSSSSSSS", "%n"), new Symbol("SSSSSS", "%f"), new Symbol("SSS", "%g"), new Symbol("n", "%n"),
            new Symbol("a", "%p"), new Symbol("XXX", "%z"), new Symbol("XX", "%z"), new Symbol("X", "%z"),
            new Symbol("xxx", "%z"), new Symbol("xx", "%z"), new Symbol("x", "%z"));

    private TimestampFormat() {}

    static String toStrftime(String pattern)
    {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end < 0) {
                    throw SelectErrors.INCORRECT_SQL_FUNCTION_ARGUMENT_TYPE.exception("Unterminated quote in the TO_STRING format.");
                }
                out.append(pattern, i + 1, end).append(end == i + 1 ? "'" : "");
                i = end + 1;
                continue;
            }
            boolean matched = false;
            for (Symbol symbol : SYMBOLS) {
                if (pattern.startsWith(symbol.pattern(), i)) {
                    out.append(symbol.strftime());
                    i += symbol.pattern().length();
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                if (Character.isLetter(c)) {
                    throw SelectErrors.INCORRECT_SQL_FUNCTION_ARGUMENT_TYPE.exception("Unsupported letter '" + c + "' in the TO_STRING format.");
                }
                out.append(c == '%' ? "%%" : String.valueOf(c));
                i++;
            }
        }
        return out.toString();
    }
}
