package dev.tarn.storage.meta;

import static java.util.Objects.requireNonNull;

/**
 * A document kept for a service other than S3 (IAM users, KMS keys, ...): a JSON text under an
 * id within a collection. Services choose collection names (e.g. {@code iam.users}) and ids
 * that order usefully (e.g. {@code <account>/<name>}), and keep secondary lookups as documents
 * of their own collections, written in the same transaction.
 */
public record StoredDocument(String collection, String id, String body)
{
    public StoredDocument
    {
        requireNonNull(collection, "collection is null");
        requireNonNull(id, "id is null");
        requireNonNull(body, "body is null");
        if (collection.isEmpty()) {
            throw new IllegalArgumentException("empty collection name");
        }
    }
}
