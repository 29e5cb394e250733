package dev.tarn.glue.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hive type names as the catalog stores them, and how two inferred types widen into one: equal
 * types stay; int, bigint, double and decimal widen to the wider number (a decimal keeps digits a double would lose); date and timestamp to
 * timestamp; structs merge field by field and arrays by element; any other mix is string.
 */
public final class HiveTypes
{
    /** The type of a value that says nothing (an empty CSV field, a JSON null). */
    public static final String UNKNOWN = "";

    private HiveTypes() {}

    public static String merge(String a, String b)
    {
        if (a.equals(UNKNOWN)) {
            return b;
        }
        if (b.equals(UNKNOWN) || a.equals(b)) {
            return a;
        }
        int ra = numericRank(a);
        int rb = numericRank(b);
        if (ra > 0 && rb > 0) {
            if (a.startsWith("decimal") && b.startsWith("decimal")) {
                return widerDecimal(a, b);
            }
            return ra >= rb ? a : b;
        }
        if ((a.equals("date") && b.equals("timestamp")) || (a.equals("timestamp") && b.equals("date"))) {
            return "timestamp";
        }
        if (a.startsWith("struct<") && b.startsWith("struct<")) {
            Map<String, String> fields = new LinkedHashMap<>(structFields(a));
            structFields(b).forEach((name, type) -> fields.merge(name, type, HiveTypes::merge));
            return struct(fields);
        }
        if (a.startsWith("array<") && b.startsWith("array<")) {
            return "array<" + merge(inner(a), inner(b)) + ">";
        }
        return "string";
    }

    /** The type to store: an unknown type (all values empty or null) is stored as string. */
    public static String resolved(String type)
    {
        if (type.equals(UNKNOWN)) {
            return "string";
        }
        if (type.startsWith("array<")) {
            return "array<" + resolved(inner(type)) + ">";
        }
        if (type.startsWith("struct<")) {
            Map<String, String> fields = new LinkedHashMap<>();
            structFields(type).forEach((name, field) -> fields.put(name, resolved(field)));
            return struct(fields);
        }
        return type;
    }

    private static int numericRank(String type)
    {
        if (type.equals("int")) {
            return 1;
        }
        if (type.equals("bigint")) {
            return 2;
        }
        // a decimal is inferred only for values a double cannot hold exactly, so it outranks double
        if (type.equals("double")) {
            return 3;
        }
        if (type.startsWith("decimal")) {
            return 4;
        }
        return 0;
    }

    private static String widerDecimal(String a, String b)
    {
        int[] pa = decimalParameters(a);
        int[] pb = decimalParameters(b);
        int scale = Math.max(pa[1], pb[1]);
        int integral = Math.max(pa[0] - pa[1], pb[0] - pb[1]);
        return decimal(integral + scale, scale);
    }

    public static String decimal(int precision, int scale)
    {
        int p = Math.min(38, Math.max(precision, 1));
        return "decimal(" + p + "," + Math.min(scale, p) + ")";
    }

    private static int[] decimalParameters(String type)
    {
        String[] parts = type.substring(type.indexOf('(') + 1, type.indexOf(')')).split(",");
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
    }

    public static String struct(Map<String, String> fields)
    {
        List<String> parts = new ArrayList<>();
        fields.forEach((name, type) -> parts.add(name + ":" + type));
        return "struct<" + String.join(",", parts) + ">";
    }

    private static String inner(String type)
    {
        return type.substring(type.indexOf('<') + 1, type.length() - 1);
    }

    /** The fields of {@code struct<a:int,b:array<string>>}, in order. */
    public static Map<String, String> structFields(String type)
    {
        Map<String, String> fields = new LinkedHashMap<>();
        String body = inner(type);
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ',';
            if (c == '<' || c == '(') {
                depth++;
            }
            else if (c == '>' || c == ')') {
                depth--;
            }
            else if (c == ',' && depth == 0) {
                String field = body.substring(start, i);
                int colon = field.indexOf(':');
                if (colon > 0) {
                    fields.put(field.substring(0, colon), field.substring(colon + 1));
                }
                start = i + 1;
            }
        }
        return fields;
    }

    public static Optional<String> nonEmpty(String type)
    {
        return type.equals(UNKNOWN) ? Optional.empty() : Optional.of(type);
    }
}
