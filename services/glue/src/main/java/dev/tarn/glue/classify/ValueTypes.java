package dev.tarn.glue.classify;

import java.util.regex.Pattern;

/** The Hive type a text value (a CSV field) reads as: boolean, bigint, double, decimal, date, timestamp or string. */
public final class ValueTypes
{
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d*)\\.(\\d+)");
    private static final Pattern DOUBLE = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|[-+]?(NaN|Infinity)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[ T]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?");
    /** Doubles represent up to 15 significant digits exactly; longer decimals keep their digits as decimal. */
    private static final int DOUBLE_DIGITS = 15;

    private ValueTypes() {}

    public static String of(String value)
    {
        String text = value.trim();
        if (text.isEmpty()) {
            return HiveTypes.UNKNOWN;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return "boolean";
        }
        if (INTEGER.matcher(text).matches()) {
            return "bigint";
        }
        var decimal = DECIMAL.matcher(text);
        if (decimal.matches()) {
            String integral = decimal.group(1).replaceFirst("^0+", "");
            String fraction = decimal.group(2);
            if (integral.length() + fraction.length() > DOUBLE_DIGITS) {
                return HiveTypes.decimal(integral.length() + fraction.length(), fraction.length());
            }
            return "double";
        }
        if (DOUBLE.matcher(text).matches()) {
            return "double";
        }
        if (DATE.matcher(text).matches()) {
            return "date";
        }
        if (TIMESTAMP.matcher(text).matches()) {
            return "timestamp";
        }
        return "string";
    }
}
