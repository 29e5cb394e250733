package dev.tarn.kms;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.security.RootOnlyAuthorizer;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.RestRoute;
import dev.tarn.storage.crypto.MasterKey;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KMS service on a real SQLite store, its operations called as the gateway calls them (input
 * record in, output record out), as the account's root or as a plain IAM user.
 */
final class KmsHarness
        implements AutoCloseable
{
    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final Caller ROOT = Caller.root(ACCOUNT, "AKIAROOT");
    static final Caller ALICE = new Caller(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/alice", "AIDAALICE", Optional.of("AKIAALICE"), false);

    final Path directory;
    final MasterKey masterKey;
    final MutableClock clock;
    final MetadataStore metadata;
    final KmsService service;
    private final Map<String, ActionOperation<?, ?>> operations = new HashMap<>();

    KmsHarness(Path directory, byte[] masterKeyBytes, MutableClock clock)
    {
        this.directory = directory;
        this.masterKey = MasterKey.of(masterKeyBytes);
        this.clock = clock;
        this.metadata = SqliteMetadataStore.open(directory.resolve("metadata.db"));
        this.service = KmsService.create(metadata, masterKey, new RootOnlyAuthorizer(), clock, REGION);
        service.registerOperations(new OperationRegistry()
        {
            @Override
            public void route(RestRoute route)
            {
                throw new AssertionError("KMS has no REST routes");
            }

            @Override
            public <I, O> void operation(ActionOperation<I, O> operation)
            {
                operations.put(operation.name(), operation);
            }
        });
    }

    static RequestContext context(Caller caller)
    {
        return new RequestContext("R", caller, REGION, "127.0.0.1", true, Instant.EPOCH);
    }

    <O> O call(String operation, Object input)
    {
        return call(ROOT, operation, input);
    }

    @SuppressWarnings("unchecked")
    <O> O call(Caller caller, String operation, Object input)
    {
        ActionOperation<Object, Object> action = (ActionOperation<Object, Object>) operations.get(operation);
        assertThat(action).as("operation " + operation).isNotNull();
        return (O) action.handler().handle(context(caller), action.inputType().cast(input));
    }

    void assertFails(String code, Caller caller, String operation, Object input)
    {
        assertThatThrownBy(() -> call(caller, operation, input))
                .isInstanceOfSatisfying(AwsException.class, error -> assertThat(error.code()).isEqualTo(code));
    }

    void assertFails(String code, String operation, Object input)
    {
        assertFails(code, ROOT, operation, input);
    }

    @Override
    public void close()
    {
        metadata.close();
    }

    static final class MutableClock
            extends Clock
    {
        private Instant now;

        MutableClock(Instant now)
        {
            this.now = now;
        }

        void advance(Duration duration)
        {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now;
        }
    }
}
