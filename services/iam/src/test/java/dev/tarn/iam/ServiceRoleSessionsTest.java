package dev.tarn.iam;

import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.IamStore;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.RoleRecord;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.AuthorizationRequest;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sessions of roles for services: the trust policy decides, the role's policies then apply, sessions are reused while fresh. */
class ServiceRoleSessionsTest
{
    private static final String ACCOUNT = "111122223333";
    private static final String TRUST_GLUE = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
            """;
    private static final String READ_LAKE = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::lake/*"}]}
            """;

    @TempDir
    Path dir;
    private MetadataStore metadata;
    private IamStore store;
    private PolicyAuthorizer authorizer;
    private ServiceRoleSessions sessions;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void setUp()
    {
        metadata = SqliteMetadataStore.open(dir.resolve("metadata.db"));
        store = new IamStore(metadata);
        ParsedPolicies parsed = new ParsedPolicies();
        authorizer = new PolicyAuthorizer(new PrincipalPolicies(store, parsed), parsed, new KeyUsage(store));
        Clock clock = new Clock()
        {
            @Override
            public java.time.ZoneId getZone()
            {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone)
            {
                return this;
            }

            @Override
            public Instant instant()
            {
                return now;
            }
        };
        sessions = new ServiceRoleSessions(new IamContext(store, new IamIds(new SecureRandom()), clock, authorizer), parsed);
    }

    @AfterEach
    void tearDown()
    {
        metadata.close();
    }

    private RoleRecord role(String name, String id, String trust)
    {
        RoleRecord role = new RoleRecord(ACCOUNT, name, id, "/service-role/", now, trust, Optional.empty(), 3600, List.of(), Map.of("read", READ_LAKE),
                List.of(), Optional.empty());
        store.write(writer -> {
            writer.put(Kind.ROLES, IamReader.key(ACCOUNT, name), role);
            return null;
        });
        return role;
    }

    private RequestContext context(Caller caller)
    {
        return new RequestContext("r", caller, "us-east-1", "127.0.0.1", true, now);
    }

    @Test
    void theTrustedServiceActsWithTheRolesPolicies()
    {
        RoleRecord role = role("crawler", "AROAAAAAAAAAAAAAAAAAA", TRUST_GLUE);
        Caller session = sessions.assume(role.arn(), "glue.amazonaws.com", "AWS-Crawler").orElseThrow();
        assertThat(session.arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/crawler/AWS-Crawler");
        assertThat(session.userId()).isEqualTo("AROAAAAAAAAAAAAAAAAAA:AWS-Crawler");
        assertThat(session.accessKeyId()).hasValueSatisfying(key -> assertThat(key).startsWith("ASIA"));
        assertThat(session.root()).isFalse();

        authorizer.authorize(context(session), AuthorizationRequest.of("s3:GetObject", "arn:aws:s3:::lake/a.csv", ACCOUNT));
        assertThatThrownBy(() -> authorizer.authorize(context(session), AuthorizationRequest.of("s3:GetObject", "arn:aws:s3:::other/a.csv", ACCOUNT)))
                .isInstanceOf(AwsException.class)
                .hasMessageContaining("assumed-role/crawler/AWS-Crawler");
    }

    @Test
    void otherServicesRolesElsewhereAndMissingRolesGetNoSession()
    {
        RoleRecord role = role("crawler", "AROAAAAAAAAAAAAAAAAAA", TRUST_GLUE);
        assertThat(sessions.assume(role.arn(), "cloudformation.amazonaws.com", "AWSCloudFormation")).isEmpty();
        assertThat(sessions.assume("arn:aws:iam::" + ACCOUNT + ":role/missing", "glue.amazonaws.com", "AWS-Crawler")).isEmpty();
        // the name alone, without the role's path, is another ARN
        assertThat(sessions.assume("arn:aws:iam::" + ACCOUNT + ":role/crawler", "glue.amazonaws.com", "AWS-Crawler")).isEmpty();
        String userTrust = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "sts:AssumeRole"}]}
                """.formatted(ACCOUNT);
        assertThat(sessions.assume(role("for-users", "AROABBBBBBBBBBBBBBBBB", userTrust).arn(), "glue.amazonaws.com", "AWS-Crawler")).isEmpty();
    }

    @Test
    void aSessionIsReusedWhileFreshAndNeverForALaterRoleOfTheSameName()
    {
        RoleRecord role = role("crawler", "AROAAAAAAAAAAAAAAAAAA", TRUST_GLUE);
        Caller first = sessions.assume(role.arn(), "glue.amazonaws.com", "AWS-Crawler").orElseThrow();
        assertThat(sessions.assume(role.arn(), "glue.amazonaws.com", "AWS-Crawler").orElseThrow().accessKeyId()).isEqualTo(first.accessKeyId());

        now = now.plusSeconds(45 * 60);
        Caller later = sessions.assume(role.arn(), "glue.amazonaws.com", "AWS-Crawler").orElseThrow();
        assertThat(later.accessKeyId()).isNotEqualTo(first.accessKeyId());

        RoleRecord recreated = role("crawler", "AROACCCCCCCCCCCCCCCCC", TRUST_GLUE);
        Caller fresh = sessions.assume(recreated.arn(), "glue.amazonaws.com", "AWS-Crawler").orElseThrow();
        assertThat(fresh.accessKeyId()).isNotEqualTo(later.accessKeyId());
        assertThat(fresh.userId()).startsWith("AROACCCCCCCCCCCCCCCCC:");

        // a trust policy changed to name another service ends the reuse at once
        role("crawler", "AROACCCCCCCCCCCCCCCCC", TRUST_GLUE.replace("glue", "lambda"));
        assertThat(sessions.assume(recreated.arn(), "glue.amazonaws.com", "AWS-Crawler")).isEmpty();
    }
}
