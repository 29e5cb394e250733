package dev.tarn.kms;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.StoredDocument;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Finds the key a request names and writes changes to it. A key pending deletion whose deletion
 * date has passed no longer exists: it is answered as not found, and removed (with its aliases
 * and grants) by {@link #purgeDeleted}.
 */
final class Keys
{
    private final MetadataStore metadata;
    private final KmsStore store;
    private final Clock clock;
    private final String region;

    Keys(MetadataStore metadata, KmsStore store, Clock clock, String region)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.region = requireNonNull(region, "region is null");
    }

    String region()
    {
        return region;
    }

    /**
     * The key {@code keyId} names: a key id or key ARN, and when {@code aliasAllowed} (the
     * cryptographic operations and DescribeKey) also an alias name or alias ARN.
     */
    KeyRecord resolve(RequestContext context, Optional<String> keyId, boolean aliasAllowed)
    {
        String text = required(keyId, "keyId");
        KeyArns.KeyReference reference = KeyArns.parse(text, context.caller().accountId(), region)
                .filter(parsed -> aliasAllowed || !parsed.isAlias())
                .orElseThrow(() -> KmsErrors.NOT_FOUND.exception("Invalid keyId '" + text + "'"));
        return metadata.read(reader -> resolve(reader, reference));
    }

    KeyRecord resolve(MetadataReader reader, KeyArns.KeyReference reference)
    {
        String keyId;
        if (reference.aliasName().isPresent()) {
            String aliasName = reference.aliasName().get();
            keyId = store.alias(reader, reference.accountId(), aliasName)
                    .orElseThrow(() -> KmsErrors.NOT_FOUND.exception("Alias " + KeyArns.aliasArn(region, reference.accountId(), aliasName) + " is not found."))
                    .targetKeyId();
        }
        else {
            keyId = reference.keyId().orElseThrow();
        }
        return find(reader, reference.accountId(), keyId)
                .orElseThrow(() -> notFound(reference.accountId(), keyId));
    }

    /** A key by account and id, unless it does not exist or its deletion date has passed. */
    Optional<KeyRecord> find(MetadataReader reader, String accountId, String keyId)
    {
        return store.key(reader, accountId, keyId).filter(key -> !key.isDeletedAt(clock.instant()));
    }

    /**
     * Applies {@code change} to the current version of {@code key} in one transaction and returns
     * the result; {@code change} checks the state it needs against that current version.
     */
    KeyRecord update(KeyRecord key, UnaryOperator<KeyRecord> change)
    {
        return metadata.write(transaction -> {
            KeyRecord current = find(transaction, key.accountId(), key.keyId()).orElseThrow(() -> notFound(key.accountId(), key.keyId()));
            KeyRecord changed = change.apply(current);
            if (changed != current) {
                store.putKey(transaction, changed);
            }
            return changed;
        });
    }

    /** Removes the keys (of every account) whose deletion date has passed; returns how many. */
    int purgeDeleted()
    {
        return metadata.write(transaction -> {
            int purged = 0;
            Optional<String> after = Optional.empty();
            List<StoredDocument> page;
            do {
                page = transaction.documents(KmsStore.KEYS, "", after, 1000);
                for (StoredDocument document : page) {
                    KeyRecord key = store.read(document, KeyRecord.class);
                    if (key.isDeletedAt(clock.instant())) {
                        store.deleteKey(transaction, key);
                        purged++;
                    }
                }
                after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).id());
            }
            while (page.size() == 1000);
            return purged;
        });
    }

    AwsException notFound(String accountId, String keyId)
    {
        return KmsErrors.NOT_FOUND.exception("Key '" + KeyArns.keyArn(region, accountId, keyId) + "' does not exist");
    }

    static String required(Optional<String> value, String member)
    {
        return value.orElseThrow(() -> KmsErrors.validation(member, "Member must not be null"));
    }

    /** The error for a key whose state does not allow an operation. */
    static AwsException invalidState(KeyRecord key)
    {
        return switch (key.state()) {
            case PendingDeletion -> KmsErrors.INVALID_STATE.exception(key.arn() + " is pending deletion.");
            case Disabled -> KmsErrors.INVALID_STATE.exception(key.arn() + " is disabled.");
            case Enabled -> KmsErrors.INVALID_STATE.exception(key.arn() + " is enabled.");
        };
    }

    /** For operations that need an enabled key: disabled is DisabledException, pending deletion KMSInvalidStateException. */
    static void requireEnabled(KeyRecord key)
    {
        if (key.state() == KeyState.Disabled) {
            throw KmsErrors.DISABLED.exception(key.arn() + " is disabled.");
        }
        if (key.state() != KeyState.Enabled) {
            throw invalidState(key);
        }
    }

    /** A key whose KeyUsage fits the operation (ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC). */
    static void requireUsage(KeyRecord key, String keyUsage, String operation)
    {
        if (!key.keyUsage().equals(keyUsage)) {
            throw KmsErrors.INVALID_KEY_USAGE.exception(key.arn() + " key usage is " + key.keyUsage() + " which is not valid for " + operation + ".");
        }
    }

    /** For management operations AWS refuses on a key pending deletion. */
    static void requireNotPendingDeletion(KeyRecord key)
    {
        if (key.state() == KeyState.PendingDeletion) {
            throw invalidState(key);
        }
    }
}
