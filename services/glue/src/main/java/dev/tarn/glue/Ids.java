package dev.tarn.glue;

import java.util.ArrayList;
import java.util.List;

/**
 * Document ids made of names: each part escapes the separators ({@code /} between parts,
 * {@code ,} between partition values) so that an id prefix selects exactly one parent's children.
 */
public final class Ids
{
    private Ids() {}

    public static String part(String name)
    {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case '/' -> out.append("%2F");
                case ',' -> out.append("%2C");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String unpart(String part)
    {
        return part.replace("%2C", ",").replace("%2F", "/").replace("%25", "%");
    }

    public static String join(String... names)
    {
        List<String> parts = new ArrayList<>(names.length);
        for (String name : names) {
            parts.add(part(name));
        }
        return String.join("/", parts);
    }

    /** Partition values as one id part. */
    public static String values(List<String> values)
    {
        List<String> parts = new ArrayList<>(values.size());
        for (String value : values) {
            parts.add(part(value));
        }
        return String.join(",", parts);
    }
}
