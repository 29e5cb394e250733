package dev.tarn.iam;

import dev.tarn.iam.store.AccessKeyRecord;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.IamStore;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.SessionRecord;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.CredentialResolver;
import dev.tarn.spi.security.SigningCredential;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * IAM users' access keys (AKIA...) and STS's temporary credentials (ASIA...), for the gateway to
 * verify signatures with. Lookups are cached until IAM's next write, so a key made Inactive or
 * deleted stops working with the very next request, and a new key works at once.
 */
public final class IamCredentials
        implements CredentialResolver
{
    private static final int MAX_ENTRIES = 10_000;

    private final IamStore store;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    IamCredentials(IamStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    private record Cached(long generation, Optional<SigningCredential> credential) {}

    @Override
    public Optional<SigningCredential> resolve(String accessKeyId)
    {
        if (!accessKeyId.startsWith("AKIA") && !accessKeyId.startsWith("ASIA")) {
            return Optional.empty();
        }
        long generation = store.generation();
        Cached cached = cache.get(accessKeyId);
        if (cached != null && cached.generation() == generation) {
            return cached.credential();
        }
        Optional<SigningCredential> credential = store.read(reader -> accessKeyId.startsWith("ASIA") ? session(reader, accessKeyId) : accessKey(reader, accessKeyId));
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(accessKeyId, new Cached(generation, credential));
        return credential;
    }

    private static Optional<SigningCredential> accessKey(IamReader reader, String accessKeyId)
    {
        Optional<AccessKeyRecord> key = reader.get(Kind.ACCESS_KEYS, accessKeyId);
        return key.flatMap(found -> Entities.findUser(reader, found.accountId(), found.userName())
                .map(user -> new SigningCredential(accessKeyId, found.secretAccessKey(),
                        new Caller(user.accountId(), user.arn(), user.id(), Optional.of(accessKeyId), false),
                        Optional.empty(), Optional.empty(), found.active())));
    }

    private static Optional<SigningCredential> session(IamReader reader, String accessKeyId)
    {
        Optional<SessionRecord> session = reader.get(Kind.SESSIONS, accessKeyId);
        return session.map(found -> new SigningCredential(accessKeyId, found.secretAccessKey(),
                new Caller(found.accountId(), found.callerArn(), found.callerUserId(), Optional.of(accessKeyId), found.root()),
                Optional.of(found.sessionToken()), Optional.of(found.expiration()), true));
    }
}
