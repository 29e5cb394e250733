package dev.tarn.s3.bucket;

import dev.tarn.gateway.http.UriCodec;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.xml.Tag;
import dev.tarn.s3.xml.TagSet;
import dev.tarn.spi.error.AwsException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A bucket's tag set: checked against S3's tag rules, and kept in the bucket record URL-encoded
 * ("k1=v1&amp;k2=v2"), the form objects keep theirs in.
 */
public final class TagSets
{
    public static final int MAX_TAGS = 50;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private TagSets() {}

    /** The tags of a request document; MalformedXML when Key or Value is missing, InvalidTag when a rule is broken. */
    public static List<Tag> validate(TagSet tagSet)
    {
        List<Tag> tags = tagSet.tags();
        for (Tag tag : tags) {
            if (tag == null || tag.key() == null || tag.value() == null) {
                throw S3Errors.MALFORMED_XML.exception();
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw invalid("Bucket tag count cannot be greater than " + MAX_TAGS);
        }
        Set<String> keys = new HashSet<>();
        for (Tag tag : tags) {
            int keyLength = tag.key().codePointCount(0, tag.key().length());
            if (keyLength < 1 || keyLength > MAX_KEY_LENGTH || !ALLOWED.matcher(tag.key()).matches()) {
                throw invalid("The TagKey you have provided is invalid");
            }
            if (tag.value().codePointCount(0, tag.value().length()) > MAX_VALUE_LENGTH || !ALLOWED.matcher(tag.value()).matches()) {
                throw invalid("The TagValue you have provided is invalid");
            }
            if (tag.key().startsWith("aws:")) {
                throw invalid("Your TagKey cannot be prefixed with aws:");
            }
            if (!keys.add(tag.key())) {
                throw invalid("Cannot provide multiple Tags with the same key");
            }
        }
        return List.copyOf(tags);
    }

    public static String encode(List<Tag> tags)
    {
        return tags.stream()
                .map(tag -> UriCodec.encode(tag.key(), false) + "=" + UriCodec.encode(tag.value(), false))
                .collect(Collectors.joining("&"));
    }

    public static List<Tag> decode(String stored)
    {
        List<Tag> tags = new ArrayList<>();
        for (String pair : stored.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            tags.add(new Tag(UriCodec.decode(key, false), UriCodec.decode(value, false)));
        }
        return List.copyOf(tags);
    }

    private static AwsException invalid(String message)
    {
        return S3Errors.INVALID_TAG.exception(message);
    }
}
