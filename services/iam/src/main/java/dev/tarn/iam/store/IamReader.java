package dev.tarn.iam.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.StoredDocument;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Typed reads of IAM's documents, within one snapshot of the metadata store. */
public class IamReader
{
    private static final int PAGE = 1000;

    private final MetadataReader reader;
    protected final ObjectMapper json;

    IamReader(MetadataReader reader, ObjectMapper json)
    {
        this.reader = requireNonNull(reader, "reader is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** The id of a named entity: IAM names are unique without regard to case. */
    public static String key(String accountId, String name)
    {
        return accountId + "/" + name.toLowerCase(Locale.ROOT);
    }

    public static String key(String accountId, String name, String member)
    {
        return key(accountId, name) + "/" + member.toLowerCase(Locale.ROOT);
    }

    public <T> Optional<T> get(Kind<T> kind, String id)
    {
        return reader.document(kind.collection(), id).map(document -> decode(kind, document));
    }

    /** Every document of a kind whose id starts with the prefix, by id. */
    public <T> List<T> list(Kind<T> kind, String idPrefix)
    {
        List<T> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            List<StoredDocument> page = reader.documents(kind.collection(), idPrefix, after, PAGE);
            page.forEach(document -> all.add(decode(kind, document)));
            if (page.size() < PAGE) {
                return all;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
    }

    /** One page of a kind's documents whose ids start with the prefix, after an id, by id (UTF-8 byte order). */
    public <T> List<Entry<T>> page(Kind<T> kind, String idPrefix, Optional<String> afterId, int limit)
    {
        return reader.documents(kind.collection(), idPrefix, afterId, limit).stream()
                .map(document -> new Entry<>(document.id(), decode(kind, document)))
                .toList();
    }

    /** A document's id and its decoded value. */
    public record Entry<T>(String id, T value) {}

    public boolean any(Kind<?> kind, String idPrefix)
    {
        return !reader.documents(kind.collection(), idPrefix, Optional.empty(), 1).isEmpty();
    }

    public int count(Kind<?> kind, String idPrefix)
    {
        int count = 0;
        Optional<String> after = Optional.empty();
        while (true) {
            List<StoredDocument> page = reader.documents(kind.collection(), idPrefix, after, PAGE);
            count += page.size();
            if (page.size() < PAGE) {
                return count;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
    }

    private <T> T decode(Kind<T> kind, StoredDocument document)
    {
        try {
            return json.readValue(document.body(), kind.type());
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable " + kind.collection() + " document " + document.id(), e);
        }
    }
}
