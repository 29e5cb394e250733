package dev.tarn.s3.cors;

import dev.tarn.s3.S3Errors;
import dev.tarn.spi.error.CommonErrors;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A bucket's CORS rules, validated as PutBucketCors validates them; the first matching rule decides. */
public record CorsConfiguration(List<CorsRule> rules)
{
    public static final int MAX_RULES = 100;
    private static final int MAX_ID_LENGTH = 255;

    public CorsConfiguration
    {
        rules = List.copyOf(rules);
    }

    /** Validates a document from PutBucketCors: MalformedXML for a missing part, InvalidRequest for what S3 does not support. */
    public static CorsConfiguration validated(CorsDocument document)
    {
        List<CorsDocument.Rule> rules = Optional.ofNullable(document.rules()).orElse(List.of());
        if (rules.isEmpty() || rules.size() > MAX_RULES) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        return new CorsConfiguration(rules.stream().map(CorsConfiguration::validated).toList());
    }

    private static CorsRule validated(CorsDocument.Rule rule)
    {
        List<String> methods = present(rule.allowedMethods());
        List<String> origins = present(rule.allowedOrigins());
        if (methods.isEmpty() || origins.isEmpty() || (rule.id() != null && rule.id().length() > MAX_ID_LENGTH)
                || (rule.maxAgeSeconds() != null && rule.maxAgeSeconds() < 0)) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        for (String method : methods) {
            if (!CorsRule.METHODS.contains(method)) {
                throw CommonErrors.INVALID_REQUEST.exception("Found unsupported HTTP method in CORS config. Unsupported method is " + method);
            }
        }
        for (String origin : origins) {
            if (WildcardPattern.wildcards(origin) > 1) {
                throw CommonErrors.INVALID_REQUEST.exception("AllowedOrigin \"" + origin + "\" can not have more than one wildcard.");
            }
        }
        List<String> headers = present(rule.allowedHeaders());
        for (String header : headers) {
            if (WildcardPattern.wildcards(header) > 1) {
                throw CommonErrors.INVALID_REQUEST.exception("AllowedHeader \"" + header + "\" can not have more than one wildcard.");
            }
        }
        List<String> exposed = present(rule.exposeHeaders());
        for (String header : exposed) {
            if (header.contains("*")) {
                throw CommonErrors.INVALID_REQUEST.exception("ExposeHeader \"" + header + "\" contains wildcard. We currently do not support wildcard for ExposeHeader.");
            }
        }
        return new CorsRule(Optional.ofNullable(rule.id()), methods, origins, headers, exposed,
                rule.maxAgeSeconds() == null ? OptionalInt.empty() : OptionalInt.of(rule.maxAgeSeconds()));
    }

    /** The values of a repeated element, blank ones (an empty element) left out. */
    private static List<String> present(List<String> values)
    {
        return values == null ? List.of() : values.stream().filter(value -> value != null && !value.isBlank()).map(String::strip).toList();
    }

    public CorsDocument toDocument()
    {
        return new CorsDocument(rules.stream()
                .map(rule -> new CorsDocument.Rule(rule.id().orElse(null), nullIfEmpty(rule.allowedHeaders()), rule.allowedMethods(),
                        rule.allowedOrigins(), nullIfEmpty(rule.exposeHeaders()),
                        rule.maxAgeSeconds().isPresent() ? rule.maxAgeSeconds().getAsInt() : null))
                .toList());
    }

    private static List<String> nullIfEmpty(List<String> values)
    {
        return values.isEmpty() ? null : values;
    }

    /** The first rule that allows {@code method} from {@code origin} with every one of {@code requestHeaders}. */
    public Optional<CorsMatch> match(String origin, String method, List<String> requestHeaders)
    {
        for (CorsRule rule : rules) {
            Optional<String> matchedOrigin = rule.matchingOrigin(origin);
            if (matchedOrigin.isPresent() && rule.allowsMethod(method) && requestHeaders.stream().allMatch(rule::allowsHeader)) {
                return Optional.of(new CorsMatch(rule, origin, matchedOrigin.get().equals("*")));
            }
        }
        return Optional.empty();
    }
}
