package dev.tarn.athena.engine.sql;

import java.util.Optional;

/**
 * Trino's {@code date_parse}/{@code date_format} patterns (MySQL's) in the spelling of DuckDB's
 * {@code strptime}/{@code strftime}.
 */
final class DateFormats
{
    private DateFormats() {}

    /** The strptime (parsing) or strftime pattern, or empty when the pattern uses a specifier DuckDB has no equal for. */
    static Optional<String> toDuckDb(String mysql, boolean parsing)
    {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < mysql.length(); i++) {
            char c = mysql.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i == mysql.length()) {
                return Optional.empty();
            }
            String converted = switch (mysql.charAt(i)) {
                case 'Y' -> "%Y";
                case 'y' -> "%y";
                case 'm' -> "%m";
                case 'c' -> parsing ? "%m" : "%-m";
                case 'd' -> "%d";
                case 'e' -> parsing ? "%d" : "%-d";
                case 'H', 'k' -> "%H";
                case 'h', 'I' -> "%I";
                case 'l' -> parsing ? "%I" : "%-I";
                case 'i' -> "%M";
                case 's', 'S' -> "%S";
                case 'f' -> "%f";
                case 'p' -> "%p";
                case 'T' -> "%H:%M:%S";
                case 'r' -> "%I:%M:%S %p";
                case 'b' -> "%b";
                case 'M' -> "%B";
                case 'a' -> "%a";
                case 'W' -> "%A";
                case 'j' -> "%j";
                case '%' -> "%%";
                default -> null;
            };
            if (converted == null) {
                return Optional.empty();
            }
            out.append(converted);
        }
        return Optional.of(out.toString());
    }
}
