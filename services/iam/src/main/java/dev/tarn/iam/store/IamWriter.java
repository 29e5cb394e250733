package dev.tarn.iam.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;

import java.io.UncheckedIOException;

/** Typed writes of IAM's documents, within one transaction. */
public final class IamWriter
        extends IamReader
{
    private final MetadataTransaction transaction;

    IamWriter(MetadataTransaction transaction, ObjectMapper json)
    {
        super(transaction, json);
        this.transaction = transaction;
    }

    public <T> void put(Kind<T> kind, String id, T value)
    {
        try {
            transaction.putDocument(new StoredDocument(kind.collection(), id, json.writeValueAsString(value)));
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean delete(Kind<?> kind, String id)
    {
        return transaction.deleteDocument(kind.collection(), id);
    }
}
