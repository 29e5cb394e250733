package dev.tarn.gateway.protocol;

/** XML text escaping for the small documents the gateway writes by hand. */
public final class Xml
{
    private Xml() {}

    public static String escape(String text)
    {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                case '\r' -> "&#13;";
                default -> c < 0x20 && c != '\n' && c != '\t' ? "&#" + (int) c + ";" : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                }
                else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
