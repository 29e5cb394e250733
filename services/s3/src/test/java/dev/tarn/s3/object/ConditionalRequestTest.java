package dev.tarn.s3.object;

import dev.tarn.spi.http.Headers;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.tarn.s3.object.ConditionalRequest.Outcome.NOT_MODIFIED;
import static dev.tarn.s3.object.ConditionalRequest.Outcome.PRECONDITION_FAILED;
import static dev.tarn.s3.object.ConditionalRequest.Outcome.PROCEED;
import static org.assertj.core.api.Assertions.assertThat;

class ConditionalRequestTest
{
    private static final String ETAG = "9b2cf535f27731c974343645a3985328";
    private static final Instant MODIFIED = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2024-06-01T10:00:00Z");
    private static final String BEFORE = "Wed, 01 May 2024 09:00:00 GMT";
    private static final String AFTER = "Wed, 01 May 2024 11:00:00 GMT";
    private static final String SAME = "Wed, 01 May 2024 10:00:00 GMT";

    @Test
    void noConditionsProceed()
    {
        assertThat(evaluate(Headers.empty())).isEqualTo(PROCEED);
    }

    @Test
    void ifMatch()
    {
        assertThat(evaluate(headers("If-Match", "\"" + ETAG + "\""))).isEqualTo(PROCEED);
        assertThat(evaluate(headers("If-Match", "*"))).isEqualTo(PROCEED);
        assertThat(evaluate(headers("If-Match", "\"other\", \"" + ETAG + "\""))).isEqualTo(PROCEED);
        assertThat(evaluate(headers("If-Match", "\"other\""))).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifNoneMatch()
    {
        assertThat(evaluate(headers("If-None-Match", "\"" + ETAG + "\""))).isEqualTo(NOT_MODIFIED);
        assertThat(evaluate(headers("If-None-Match", ETAG))).isEqualTo(NOT_MODIFIED);
        assertThat(evaluate(headers("If-None-Match", "\"other\""))).isEqualTo(PROCEED);
    }

    @Test
    void ifModifiedSinceComparesSeconds()
    {
        assertThat(evaluate(headers("If-Modified-Since", BEFORE))).isEqualTo(PROCEED);
        assertThat(evaluate(headers("If-Modified-Since", SAME))).isEqualTo(NOT_MODIFIED);
        assertThat(evaluate(headers("If-Modified-Since", AFTER))).isEqualTo(NOT_MODIFIED);
    }

    @Test
    void ifModifiedSinceInTheFutureIsIgnored()
    {
        assertThat(evaluate(headers("If-Modified-Since", "Sun, 01 Jun 2025 10:00:00 GMT"))).isEqualTo(PROCEED);
    }

    @Test
    void ifUnmodifiedSince()
    {
        assertThat(evaluate(headers("If-Unmodified-Since", AFTER))).isEqualTo(PROCEED);
        assertThat(evaluate(headers("If-Unmodified-Since", SAME))).isEqualTo(PROCEED);
        assertThat(evaluate(headers("If-Unmodified-Since", BEFORE))).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void matchingIfMatchOverridesFailingIfUnmodifiedSince()
    {
        // S3: If-Match true and If-Unmodified-Since false -> 200
        assertThat(evaluate(headers("If-Match", ETAG, "If-Unmodified-Since", BEFORE))).isEqualTo(PROCEED);
    }

    @Test
    void failingIfNoneMatchOverridesIfModifiedSince()
    {
        // S3: If-None-Match false and If-Modified-Since true -> 304
        assertThat(evaluate(headers("If-None-Match", ETAG, "If-Modified-Since", BEFORE))).isEqualTo(NOT_MODIFIED);
        // and a different ETag proceeds although the object was not modified since
        assertThat(evaluate(headers("If-None-Match", "\"other\"", "If-Modified-Since", AFTER))).isEqualTo(PROCEED);
    }

    @Test
    void preconditionFailureWinsOverNotModified()
    {
        assertThat(evaluate(headers("If-Match", "\"other\"", "If-None-Match", ETAG))).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void failedConditionIsNamed()
    {
        ConditionalRequest.Decision decision = ConditionalRequest.fromHeaders(headers("If-Unmodified-Since", BEFORE)).evaluate(ETAG, MODIFIED, NOW);
        assertThat(decision.condition()).contains("If-Unmodified-Since");
    }

    @Test
    void unreadableDatesAreIgnored()
    {
        assertThat(evaluate(headers("If-Unmodified-Since", "yesterday"))).isEqualTo(PROCEED);
    }

    @Test
    void copySourceConditionsUseTheirOwnHeaders()
    {
        Headers headers = headers("x-amz-copy-source-if-match", "\"other\"", "If-Match", ETAG);
        assertThat(ConditionalRequest.copySource(headers).evaluate(ETAG, MODIFIED, NOW).outcome()).isEqualTo(PRECONDITION_FAILED);
        assertThat(ConditionalRequest.fromHeaders(headers).evaluate(ETAG, MODIFIED, NOW).outcome()).isEqualTo(PROCEED);
    }

    private static ConditionalRequest.Outcome evaluate(Headers headers)
    {
        return ConditionalRequest.fromHeaders(headers).evaluate(ETAG, MODIFIED, NOW).outcome();
    }

    private static Headers headers(String... namesAndValues)
    {
        Headers.Builder builder = Headers.builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }
}
