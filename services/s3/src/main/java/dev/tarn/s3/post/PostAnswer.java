package dev.tarn.s3.post;

import dev.tarn.gateway.protocol.Xml;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ResponseBody;
import dev.tarn.spi.http.ServiceResponse;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a successful form upload answers, as the form asks: a 303 to success_action_redirect
 * (with bucket, key and etag added to its query), else success_action_status 200, 201 (with a
 * PostResponse document) or, by default, 204. Every answer carries ETag and Location and the
 * headers PutObject gave (version id, encryption, checksum).
 */
final class PostAnswer
{
    private PostAnswer() {}

    static ServiceResponse of(Map<String, String> fields, String bucket, String key, String objectUrl, ServiceResponse stored)
    {
        String etag = stored.headers().first("ETag").orElseThrow();
        Headers.Builder headers = stored.headers().toBuilder();
        Optional<String> redirect = Optional.ofNullable(fields.get("success_action_redirect")).or(() -> Optional.ofNullable(fields.get("redirect")))
                .filter(PostAnswer::isAbsoluteHttpUrl);
        if (redirect.isPresent()) {
            String target = redirect.get() + (redirect.get().contains("?") ? "&" : "?")
                    + "bucket=" + formEncode(bucket) + "&key=" + formEncode(key) + "&etag=" + formEncode(etag);
            return ServiceResponse.empty(303, headers.set("Location", target).build());
        }
        headers.set("Location", objectUrl);
        String status = Optional.ofNullable(fields.get("success_action_status")).orElse("204");
        if (status.equals("200")) {
            return ServiceResponse.empty(200, headers.build());
        }
        if (status.equals("201")) {
            String document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse>"
                    + "<Location>" + Xml.escape(objectUrl) + "</Location>"
                    + "<Bucket>" + Xml.escape(bucket) + "</Bucket>"
                    + "<Key>" + Xml.escape(key) + "</Key>"
                    + "<ETag>" + Xml.escape(etag) + "</ETag>"
                    + "</PostResponse>";
            return ServiceResponse.of(201, headers.build(), ResponseBody.bytes(document.getBytes(StandardCharsets.UTF_8), "application/xml"));
        }
        return ServiceResponse.empty(204, headers.build());
    }

    /** S3 redirects only to an absolute http(s) URL; anything else is ignored and the status answers. */
    private static boolean isAbsoluteHttpUrl(String value)
    {
        try {
            URI uri = new URI(value);
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        }
        catch (URISyntaxException e) {
            return false;
        }
    }

    private static String formEncode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
