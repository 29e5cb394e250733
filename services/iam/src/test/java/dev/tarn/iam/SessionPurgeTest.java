package dev.tarn.iam;

import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Expired sessions leave the store: a session issued after others expired removes them. */
class SessionPurgeTest
{
    private static final String ACCOUNT = "111122223333";

    @TempDir
    Path dir;
    MetadataStore metadata;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    Iam iam;

    @BeforeEach
    void setUp()
    {
        metadata = SqliteMetadataStore.open(dir.resolve("metadata.db"));
        Clock clock = new Clock()
        {
            @Override
            public ZoneOffset getZone()
            {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone)
            {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant()
            {
                return now.get();
            }
        };
        iam = Iam.create(metadata, clock, new SecureRandom(), OidcKeySource.none());
    }

    @AfterEach
    void tearDown()
    {
        metadata.close();
    }

    private Sessions.IssuedCredentials sessionToken(int seconds)
    {
        RequestContext context = new RequestContext("r", Caller.root(ACCOUNT, "AKIAROOTROOTROOT0001"), "us-east-1", "127.0.0.1", false, now.get());
        return iam.sessions().sessionToken(context, Optional.of(seconds));
    }

    @Test
    void expiredSessionsArePurgedWhenTheNextIsIssued()
    {
        List<Sessions.IssuedCredentials> shortLived = IntStream.range(0, 3).mapToObj(i -> sessionToken(900)).toList();
        Sessions.IssuedCredentials longLived = sessionToken(3600);
        shortLived.forEach(session -> assertThat(iam.credentials().resolve(session.accessKeyId())).isPresent());
        assertThat(iam.sessions().purgeExpired()).isZero();

        now.set(now.get().plus(Duration.ofSeconds(901)));
        Sessions.IssuedCredentials fresh = sessionToken(900);

        shortLived.forEach(session -> assertThat(iam.credentials().resolve(session.accessKeyId())).isEmpty());
        assertThat(iam.credentials().resolve(longLived.accessKeyId())).isPresent();
        assertThat(iam.credentials().resolve(fresh.accessKeyId())).isPresent();
        assertThat(iam.sessions().purgeExpired()).isZero();

        now.set(now.get().plus(Duration.ofHours(2)));
        assertThat(iam.sessions().purgeExpired()).isEqualTo(2);
        assertThat(iam.credentials().resolve(longLived.accessKeyId())).isEmpty();
    }
}
