package dev.tarn.iam;

import dev.tarn.iam.store.IamStore;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.KeyUseRecord;
import dev.tarn.spi.security.RequestContext;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Records when each IAM access key last authenticated a request (GetAccessKeyLastUsed). The
 * latest use is known at once in memory; it is made durable at most once a minute per key and
 * service, so that a busy key doesn't cost a synced write per request. AWS itself reports the
 * last use with a delay of hours.
 */
final class KeyUsage
{
    private static final Duration PERSIST_INTERVAL = Duration.ofMinutes(1);

    private final IamStore store;
    private final Map<String, KeyUseRecord> latest = new ConcurrentHashMap<>();
    private final Map<String, KeyUseRecord> persisted = new ConcurrentHashMap<>();

    KeyUsage(IamStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    /** A request signed with {@code accessKeyId} is about to be served by {@code service}. */
    void used(String accessKeyId, String service, RequestContext context)
    {
        KeyUseRecord use = new KeyUseRecord(context.receivedAt().truncatedTo(ChronoUnit.SECONDS), service, context.region());
        latest.put(accessKeyId, use);
        KeyUseRecord previous = persisted.get(accessKeyId);
        boolean stale = previous == null
                || !previous.serviceName().equals(service)
                || !previous.region().equals(use.region())
                || previous.date().plus(PERSIST_INTERVAL).isBefore(use.date());
        if (stale) {
            persisted.put(accessKeyId, use);
            // without touching the generation: last use changes no permission
            store.writeQuietly(writer -> {
                if (writer.get(Kind.ACCESS_KEYS, accessKeyId).isPresent()) {
                    writer.put(Kind.KEY_USE, accessKeyId, use);
                }
                return null;
            });
        }
    }

    Optional<KeyUseRecord> lastUse(String accessKeyId)
    {
        return Optional.ofNullable(latest.get(accessKeyId))
                .or(() -> store.read(reader -> reader.get(Kind.KEY_USE, accessKeyId)));
    }
}
