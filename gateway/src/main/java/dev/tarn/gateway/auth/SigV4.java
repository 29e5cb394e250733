package dev.tarn.gateway.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The pieces of AWS Signature Version 4 that do not depend on a request: hashing, key
 * derivation, URI encoding and the canonical forms of paths, queries and header values.
 */
final class SigV4
{
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final DateTimeFormatter BASIC_DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            UNRESERVED[c] = true;
        }
        UNRESERVED['-'] = true;
        UNRESERVED['_'] = true;
        UNRESERVED['.'] = true;
        UNRESERVED['~'] = true;
    }

    private SigV4() {}

    // ---- crypto

    static MessageDigest sha256Digest()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data)
    {
        return sha256Digest().digest(data);
    }

    static String sha256Hex(String data)
    {
        return hex(sha256(data.getBytes(StandardCharsets.UTF_8)));
    }

    static Mac hmacSha256(byte[] key)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data)
    {
        return hmacSha256(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    static byte[] signingKey(String secretAccessKey, String date, String region, String service)
    {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, TERMINATOR);
    }

    static String hex(byte[] bytes)
    {
        char[] chars = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            chars[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            chars[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(chars);
    }

    static boolean isSha256Hex(String value)
    {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Compares two ASCII strings in time independent of where they differ. */
    static boolean constantTimeEquals(String expected, String actual)
    {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.ISO_8859_1), actual.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ---- dates

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'}, the only form x-amz-date and X-Amz-Date take. */
    static Optional<Instant> parseBasicDateTime(String value)
    {
        if (value.length() != 16) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value, BASIC_DATE_TIME).toInstant(ZoneOffset.UTC));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String formatBasicDateTime(Instant instant)
    {
        return BASIC_DATE_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static String formatBasicDate(Instant instant)
    {
        return BASIC_DATE.format(instant);
    }

    static boolean isBasicDate(String value)
    {
        if (value.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    // ---- URI encoding

    /** Percent-encodes every byte but the RFC 3986 unreserved characters (and '/', when asked), with upper-case hex. */
    static void uriEncode(byte[] bytes, boolean keepSlash, StringBuilder out)
    {
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c < 128 && UNRESERVED[c]) || (keepSlash && c == '/')) {
                out.append((char) c);
            }
            else {
                out.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xF]);
            }
        }
    }

    static String uriEncode(String value, boolean keepSlash)
    {
        StringBuilder out = new StringBuilder(value.length() + 16);
        uriEncode(value.getBytes(StandardCharsets.UTF_8), keepSlash, out);
        return out.toString();
    }

    /**
     * Decodes %XX escapes into bytes; everything else, including '+' and malformed escapes, stands
     * for itself (as UTF-8).
     */
    static byte[] percentDecode(String value)
    {
        if (value.indexOf('%') < 0) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    out.write((high << 4) | low);
                    i += 3;
                    continue;
                }
            }
            int end = i + 1;
            if (Character.isHighSurrogate(c) && end < value.length()) {
                end++;
            }
            byte[] bytes = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            i = end;
        }
        return out.toByteArray();
    }

    static String percentDecodeToString(String value)
    {
        return new String(percentDecode(value), StandardCharsets.UTF_8);
    }

    // ---- canonical forms

    /**
     * The canonical URI. For S3 the path exactly as sent ("/" when empty); for every other service
     * the path with "." and ".." segments and repeated slashes removed, then URI-encoded once more,
     * as AWS's SDKs sign it.
     */
    static String canonicalUri(String rawPath, boolean s3)
    {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        if (s3) {
            return path;
        }
        return uriEncode(normalizePath(path), true);
    }

    static String normalizePath(String path)
    {
        if (path.indexOf("//") < 0 && path.indexOf("/.") < 0 && path.startsWith("/")) {
            return path;
        }
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = path.split("/", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(part);
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        boolean trailingSlash = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        if (out.length() == 0 || trailingSlash) {
            out.append('/');
        }
        return out.toString();
    }

    /** One name=value pair of a query string, decoded. */
    record QueryParameter(String rawName, String rawValue, String name, String value) {}

    static List<QueryParameter> parseQuery(String rawQuery)
    {
        List<QueryParameter> parameters = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                String pair = rawQuery.substring(start, end);
                int equals = pair.indexOf('=');
                String rawName = equals < 0 ? pair : pair.substring(0, equals);
                String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
                parameters.add(new QueryParameter(rawName, rawValue, percentDecodeToString(rawName), percentDecodeToString(rawValue)));
            }
            start = end + 1;
        }
        return parameters;
    }

    /**
     * The canonical query string: each name and value decoded and encoded again with the RFC 3986
     * rules, sorted by name then value, joined with '&'; parameters {@code exclude} accepts
     * (by decoded name) are left out.
     */
    static String canonicalQuery(List<QueryParameter> parameters, Predicate<String> exclude)
    {
        List<String[]> pairs = new ArrayList<>(parameters.size());
        for (QueryParameter parameter : parameters) {
            if (exclude.test(parameter.name())) {
                continue;
            }
            StringBuilder name = new StringBuilder();
            uriEncode(percentDecode(parameter.rawName()), false, name);
            StringBuilder value = new StringBuilder();
            uriEncode(percentDecode(parameter.rawValue()), false, value);
            pairs.add(new String[] {name.toString(), value.toString()});
        }
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** A header's values trimmed, inner runs of whitespace collapsed to one space, joined by ','. */
    static String canonicalHeaderValue(List<String> values)
    {
        StringBuilder out = new StringBuilder();
        for (int v = 0; v < values.size(); v++) {
            if (v > 0) {
                out.append(',');
            }
            appendTrimmedCollapsed(values.get(v), out);
        }
        return out.toString();
    }

    private static void appendTrimmedCollapsed(String value, StringBuilder out)
    {
        int start = 0;
        int end = value.length();
        while (start < end && isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        boolean inSpace = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                if (!inSpace) {
                    out.append(' ');
                    inSpace = true;
                }
            }
            else {
                out.append(c);
                inSpace = false;
            }
        }
    }

    private static boolean isWhitespace(char c)
    {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** S3 shows the bytes of StringToSign and CanonicalRequest as two-digit hex numbers separated by spaces. */
    static String spacedHex(String value)
    {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(HEX[(bytes[i] >> 4) & 0xF]).append(HEX[bytes[i] & 0xF]);
        }
        return out.toString();
    }
}
