package dev.tarn.s3.object;

import dev.tarn.spi.http.Headers;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since, evaluated in the order S3
 * documents: If-Match decides alone when present (an If-Unmodified-Since that fails beside a
 * matching If-Match is ignored), and so does If-None-Match over If-Modified-Since. Dates that
 * cannot be read are ignored, as are dates in the future for If-Modified-Since.
 */
public record ConditionalRequest(Optional<String> ifMatch, Optional<String> ifNoneMatch, Optional<Instant> ifModifiedSince,
        Optional<Instant> ifUnmodifiedSince)
{
    public enum Outcome
    {
        PROCEED, NOT_MODIFIED, PRECONDITION_FAILED
    }

    /** The outcome and, when it is a failure, the header that caused it (S3 names it in the error). */
    public record Decision(Outcome outcome, Optional<String> condition)
    {
        static final Decision PROCEED = new Decision(Outcome.PROCEED, Optional.empty());

        static Decision failed(Outcome outcome, String condition)
        {
            return new Decision(outcome, Optional.of(condition));
        }
    }

    public ConditionalRequest
    {
        requireNonNull(ifMatch, "ifMatch is null");
        requireNonNull(ifNoneMatch, "ifNoneMatch is null");
        requireNonNull(ifModifiedSince, "ifModifiedSince is null");
        requireNonNull(ifUnmodifiedSince, "ifUnmodifiedSince is null");
    }

    /** The conditions of a GET or HEAD. */
    public static ConditionalRequest fromHeaders(Headers headers)
    {
        return fromHeaders(headers, "");
    }

    /** The conditions of a copy source: the same headers, prefixed with {@code x-amz-copy-source-}. */
    public static ConditionalRequest copySource(Headers headers)
    {
        return fromHeaders(headers, "x-amz-copy-source-");
    }

    private static ConditionalRequest fromHeaders(Headers headers, String prefix)
    {
        return new ConditionalRequest(
                headers.first(prefix + "if-match"),
                headers.first(prefix + "if-none-match"),
                headers.first(prefix + "if-modified-since").flatMap(Timestamps::parseHttp),
                headers.first(prefix + "if-unmodified-since").flatMap(Timestamps::parseHttp));
    }

    public boolean isEmpty()
    {
        return ifMatch.isEmpty() && ifNoneMatch.isEmpty() && ifModifiedSince.isEmpty() && ifUnmodifiedSince.isEmpty();
    }

    /**
     * @param etag the object's ETag without quotes
     * @param lastModified the object's modification time (second precision)
     * @param now the current time, to ignore If-Modified-Since dates in the future
     */
    public Decision evaluate(String etag, Instant lastModified, Instant now)
    {
        if (ifMatch.isPresent()) {
            if (!matches(ifMatch.get(), etag)) {
                return Decision.failed(Outcome.PRECONDITION_FAILED, "If-Match");
            }
        }
        else if (ifUnmodifiedSince.isPresent() && lastModified.getEpochSecond() > ifUnmodifiedSince.get().getEpochSecond()) {
            return Decision.failed(Outcome.PRECONDITION_FAILED, "If-Unmodified-Since");
        }
        if (ifNoneMatch.isPresent()) {
            if (matches(ifNoneMatch.get(), etag)) {
                return Decision.failed(Outcome.NOT_MODIFIED, "If-None-Match");
            }
        }
        else if (ifModifiedSince.isPresent() && !ifModifiedSince.get().isAfter(now)
                && lastModified.getEpochSecond() <= ifModifiedSince.get().getEpochSecond()) {
            return Decision.failed(Outcome.NOT_MODIFIED, "If-Modified-Since");
        }
        return Decision.PROCEED;
    }

    /** Whether a list of entity tags ("*", or quoted or bare tags, comma separated, weak or strong) names the ETag. */
    static boolean matches(String list, String etag)
    {
        for (String candidate : list.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
