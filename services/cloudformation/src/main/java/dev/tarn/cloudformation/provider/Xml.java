package dev.tarn.cloudformation.provider;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The little XML the providers write (S3 configuration documents) and read (query-protocol answers). */
public final class Xml
{
    private Xml() {}

    public static String escape(String text)
    {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String element(String name, String text)
    {
        return "<" + name + ">" + escape(text) + "</" + name + ">";
    }

    /** The text of the first element with the given name, unescaped; empty when there is none. */
    public static java.util.Optional<String> first(String xml, String name)
    {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(xml);
        if (!matcher.find()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(matcher.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&"));
    }
}
