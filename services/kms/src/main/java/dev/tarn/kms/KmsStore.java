package dev.tarn.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;

import java.util.List;
import java.util.Optional;

/**
 * Keys, aliases and grants as metadata documents:
 * <ul>
 * <li>{@code kms.keys}: {@code <account>/<keyId>}</li>
 * <li>{@code kms.aliases}: {@code <account>/<aliasName>}</li>
 * <li>{@code kms.grants}: {@code <account>/<keyId>/<grantId>}</li>
 * <li>{@code kms.retirable-grants}: {@code <retiringPrincipal> <account>/<keyId>/<grantId>}, the
 *     index ListRetirableGrants reads, written with the grant</li>
 * </ul>
 */
final class KmsStore
{
    static final String KEYS = "kms.keys";
    static final String ALIASES = "kms.aliases";
    static final String GRANTS = "kms.grants";
    static final String RETIRABLE_GRANTS = "kms.retirable-grants";

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    Optional<KeyRecord> key(MetadataReader reader, String accountId, String keyId)
    {
        return reader.document(KEYS, accountId + "/" + keyId).map(document -> read(document, KeyRecord.class));
    }

    List<KeyRecord> keys(MetadataReader reader, String accountId, Optional<String> afterKeyId, int limit)
    {
        return reader.documents(KEYS, accountId + "/", afterKeyId.map(id -> accountId + "/" + id), limit).stream()
                .map(document -> read(document, KeyRecord.class))
                .toList();
    }

    void putKey(MetadataTransaction transaction, KeyRecord key)
    {
        transaction.putDocument(new StoredDocument(KEYS, key.accountId() + "/" + key.keyId(), write(key)));
    }

    /** Removes a key with its aliases and grants. */
    void deleteKey(MetadataTransaction transaction, KeyRecord key)
    {
        for (AliasRecord alias : aliasesOf(transaction, key.accountId(), key.keyId())) {
            deleteAlias(transaction, alias);
        }
        List<GrantRecord> grants;
        while (!(grants = grants(transaction, key.accountId(), key.keyId(), Optional.empty(), 1000)).isEmpty()) {
            grants.forEach(grant -> deleteGrant(transaction, grant));
        }
        transaction.deleteDocument(KEYS, key.accountId() + "/" + key.keyId());
    }

    Optional<AliasRecord> alias(MetadataReader reader, String accountId, String aliasName)
    {
        return reader.document(ALIASES, accountId + "/" + aliasName).map(document -> read(document, AliasRecord.class));
    }

    List<AliasRecord> aliases(MetadataReader reader, String accountId, Optional<String> afterAliasName, int limit)
    {
        return reader.documents(ALIASES, accountId + "/", afterAliasName.map(name -> accountId + "/" + name), limit).stream()
                .map(document -> read(document, AliasRecord.class))
                .toList();
    }

    /** Every alias of a key (an account has at most a few thousand aliases, so a scan is fine). */
    List<AliasRecord> aliasesOf(MetadataReader reader, String accountId, String keyId)
    {
        List<AliasRecord> found = new java.util.ArrayList<>();
        Optional<String> after = Optional.empty();
        List<AliasRecord> page;
        do {
            page = aliases(reader, accountId, after, 1000);
            page.stream().filter(alias -> alias.targetKeyId().equals(keyId)).forEach(found::add);
            after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).aliasName());
        }
        while (page.size() == 1000);
        return found;
    }

    void putAlias(MetadataTransaction transaction, AliasRecord alias)
    {
        transaction.putDocument(new StoredDocument(ALIASES, alias.accountId() + "/" + alias.aliasName(), write(alias)));
    }

    void deleteAlias(MetadataTransaction transaction, AliasRecord alias)
    {
        transaction.deleteDocument(ALIASES, alias.accountId() + "/" + alias.aliasName());
    }

    Optional<GrantRecord> grant(MetadataReader reader, String accountId, String keyId, String grantId)
    {
        return reader.document(GRANTS, accountId + "/" + keyId + "/" + grantId).map(document -> read(document, GrantRecord.class));
    }

    List<GrantRecord> grants(MetadataReader reader, String accountId, String keyId, Optional<String> afterGrantId, int limit)
    {
        String prefix = accountId + "/" + keyId + "/";
        return reader.documents(GRANTS, prefix, afterGrantId.map(id -> prefix + id), limit).stream()
                .map(document -> read(document, GrantRecord.class))
                .toList();
    }

    /** Grants naming {@code principal} as retiring principal, after a marker ({@code <account>/<keyId>/<grantId>}). */
    List<GrantRecord> retirableGrants(MetadataReader reader, String principal, Optional<String> after, int limit)
    {
        String prefix = principal + " ";
        return reader.documents(RETIRABLE_GRANTS, prefix, after.map(marker -> prefix + marker), limit).stream()
                .map(document -> document.id().substring(prefix.length()).split("/", 3))
                .flatMap(ids -> grant(reader, ids[0], ids[1], ids[2]).stream())
                .toList();
    }

    void putGrant(MetadataTransaction transaction, GrantRecord grant)
    {
        transaction.putDocument(new StoredDocument(GRANTS, grantDocumentId(grant), write(grant)));
        grant.retiringPrincipal().ifPresent(principal ->
                transaction.putDocument(new StoredDocument(RETIRABLE_GRANTS, principal + " " + grantDocumentId(grant), "{}")));
    }

    void deleteGrant(MetadataTransaction transaction, GrantRecord grant)
    {
        transaction.deleteDocument(GRANTS, grantDocumentId(grant));
        grant.retiringPrincipal().ifPresent(principal -> transaction.deleteDocument(RETIRABLE_GRANTS, principal + " " + grantDocumentId(grant)));
    }

    static String grantDocumentId(GrantRecord grant)
    {
        return grant.accountId() + "/" + grant.keyId() + "/" + grant.grantId();
    }

    <T> T read(StoredDocument document, Class<T> type)
    {
        try {
            return mapper.readValue(document.body(), type);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + document.collection() + " document " + document.id(), e);
        }
    }

    String write(Object record)
    {
        try {
            return mapper.writeValueAsString(record);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName(), e);
        }
    }
}
