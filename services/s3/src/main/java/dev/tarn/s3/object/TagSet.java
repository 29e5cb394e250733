package dev.tarn.s3.object;

import dev.tarn.s3.S3Errors;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * An object's tags, validated as S3 validates them: at most 10, keys of 1 to 128 characters,
 * values of at most 256, no key twice. Stored in the form of the x-amz-tagging header.
 */
public record TagSet(List<Tag> tags)
{
    public static final int MAX_TAGS = 10;
    private static final int MAX_KEY_LENGTH = 128;
    private static final int MAX_VALUE_LENGTH = 256;

    public record Tag(String key, String value)
    {
        public Tag
        {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }
    }

    public TagSet
    {
        tags = List.copyOf(tags);
    }

    public static TagSet empty()
    {
        return new TagSet(List.of());
    }

    /** Validates tags from a request (header or XML document). */
    public static TagSet validated(List<Tag> tags)
    {
        if (tags.size() > MAX_TAGS) {
            throw S3Errors.INVALID_TAG.exception("Object tags cannot be greater than " + MAX_TAGS);
        }
        Set<String> keys = new HashSet<>();
        for (Tag tag : tags) {
            int keyLength = tag.key().codePointCount(0, tag.key().length());
            if (keyLength == 0) {
                throw S3Errors.INVALID_TAG.exception("The TagKey you have provided is invalid");
            }
            if (keyLength > MAX_KEY_LENGTH) {
                throw S3Errors.INVALID_TAG.exception("The TagKey you have provided is too long, max " + MAX_KEY_LENGTH);
            }
            if (tag.value().codePointCount(0, tag.value().length()) > MAX_VALUE_LENGTH) {
                throw S3Errors.INVALID_TAG.exception("The TagValue you have provided is too long, max " + MAX_VALUE_LENGTH);
            }
            if (!keys.add(tag.key())) {
                throw S3Errors.INVALID_TAG.exception("Cannot provide multiple Tags with the same key");
            }
        }
        return new TagSet(tags);
    }

    /** Parses and validates an x-amz-tagging header ("k1=v1&k2=v2", URL-encoded). */
    public static TagSet fromHeader(String header)
    {
        return validated(parse(header));
    }

    /** Reads the stored form (written by {@link #encode}, so already valid). */
    public static TagSet decode(String stored)
    {
        return new TagSet(parse(stored));
    }

    public String encode()
    {
        StringBuilder out = new StringBuilder();
        for (Tag tag : tags) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(urlEncode(tag.key())).append('=').append(urlEncode(tag.value()));
        }
        return out.toString();
    }

    public int size()
    {
        return tags.size();
    }

    public boolean isEmpty()
    {
        return tags.isEmpty();
    }

    private static List<Tag> parse(String text)
    {
        List<Tag> tags = new ArrayList<>();
        if (text.isEmpty()) {
            return tags;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                tags.add(new Tag(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8)));
            }
            catch (IllegalArgumentException e) {
                throw S3Errors.INVALID_TAG.exception("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.");
            }
        }
        return tags;
    }

    private static String urlEncode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
