package dev.tarn.storage.meta.sqlite;

import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStoreException;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.PartRecord;
import dev.tarn.storage.meta.StoredDocument;
import dev.tarn.storage.meta.UploadRecord;

import java.util.NoSuchElementException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The writes, as SQL on the single write connection inside its open transaction. */
final class SqliteTransaction
        extends SqliteReader
        implements MetadataTransaction
{
    private static final String INSERT_BUCKET = "INSERT INTO buckets (" + BUCKET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING";
    private static final String UPDATE_BUCKET = "UPDATE buckets SET owner = ?, region = ?, created = ?, versioning = ?, configurations = ? WHERE name = ?";
    private static final String DELETE_BUCKET = "DELETE FROM buckets WHERE name = ?";
    private static final String DELETE_VERSION = "DELETE FROM versions WHERE bucket = ? AND object_key = ? AND version_id = ?";
    private static final String INSERT_VERSION = "INSERT INTO versions (bucket, object_key, version_id, latest, delete_marker, size, etag, last_modified, storage_class, owner, segments, attributes)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq";
    private static final String CLEAR_LATEST = "UPDATE versions SET latest = 0 WHERE bucket = ? AND object_key = ? AND latest = 1";
    private static final String MARK_LATEST = "UPDATE versions SET latest = 1 WHERE bucket = ? AND object_key = ? AND version_id = ?";
    private static final String UPDATE_VERSION = "UPDATE versions SET storage_class = ?, attributes = ? WHERE bucket = ? AND object_key = ? AND version_id = ?";
    private static final String INSERT_UPLOAD = "INSERT INTO uploads (" + UPLOAD_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PART = "SELECT " + PART_COLUMNS + " FROM parts WHERE upload_id = ? AND part_number = ?";
    private static final String UPSERT_PART = "INSERT INTO parts (" + PART_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (upload_id, part_number) DO UPDATE SET size = excluded.size, etag = excluded.etag, last_modified = excluded.last_modified,"
            + " blob_id = excluded.blob_id, blob_length = excluded.blob_length, attributes = excluded.attributes";
    private static final String DELETE_PARTS = "DELETE FROM parts WHERE upload_id = ?";
    private static final String DELETE_UPLOAD = "DELETE FROM uploads WHERE upload_id = ?";
    private static final String UPSERT_DOCUMENT = "INSERT INTO documents (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body";
    private static final String DELETE_DOCUMENT = "DELETE FROM documents WHERE collection = ? AND id = ?";
    private static final String UPSERT_SETTING = "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value";

    SqliteTransaction(SqlSession session, ColumnCodec codec)
    {
        super(session, codec);
    }

    @Override
    public boolean createBucket(BucketRecord bucket)
    {
        requireNonNull(bucket, "bucket is null");
        return session.update(() -> "create bucket " + bucket.name(), INSERT_BUCKET,
                bucket.name(),
                bucket.ownerAccountId(),
                bucket.region(),
                ColumnCodec.toColumn(bucket.createdAt()),
                bucket.versioning().orElse(null),
                codec.toColumn(bucket.configurations())) == 1;
    }

    @Override
    public void updateBucket(BucketRecord bucket)
    {
        requireNonNull(bucket, "bucket is null");
        int updated = session.update(() -> "update bucket " + bucket.name(), UPDATE_BUCKET,
                bucket.ownerAccountId(),
                bucket.region(),
                ColumnCodec.toColumn(bucket.createdAt()),
                bucket.versioning().orElse(null),
                codec.toColumn(bucket.configurations()),
                bucket.name());
        if (updated == 0) {
            throw new NoSuchElementException("no bucket " + bucket.name());
        }
    }

    @Override
    public void deleteBucket(String name)
    {
        requireNonNull(name, "name is null");
        if (hasObjects(name)) {
            throw new MetadataStoreException("cannot delete bucket " + name + ": it still holds object versions");
        }
        // its uploads and their parts go with it (ON DELETE CASCADE)
        session.update(() -> "delete bucket " + name, DELETE_BUCKET, name);
    }

    @Override
    public ObjectVersion putVersion(ObjectVersion version)
    {
        requireNonNull(version, "version is null");
        // delete and insert rather than update: the replacement gets a new, higher sequence
        session.update(() -> "replace version %s of %s/%s".formatted(version.versionId(), version.bucket(), version.key()), DELETE_VERSION,
                version.bucket(), version.key(), version.versionId());
        long sequence = session.query(() -> "put version %s of %s/%s".formatted(version.versionId(), version.bucket(), version.key()), INSERT_VERSION,
                row -> row.getLong(1),
                version.bucket(),
                version.key(),
                version.versionId(),
                version.latest(),
                version.deleteMarker(),
                version.size(),
                version.etag(),
                ColumnCodec.toColumn(version.lastModified()),
                version.storageClass(),
                version.ownerAccountId(),
                codec.segmentsToColumn(version.segments()),
                codec.toColumn(version.attributes())).get(0);
        return version.withSequence(sequence);
    }

    @Override
    public Optional<ObjectVersion> deleteVersion(String bucket, String key, String versionId)
    {
        Optional<ObjectVersion> existing = version(bucket, key, versionId);
        if (existing.isPresent()) {
            session.update(() -> "delete version %s of %s/%s".formatted(versionId, bucket, key), DELETE_VERSION, bucket, key, versionId);
        }
        return existing;
    }

    @Override
    public void setLatest(String bucket, String key, Optional<String> versionId)
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(versionId, "versionId is null");
        if (versionId.isPresent() && version(bucket, key, versionId.get()).isEmpty()) {
            throw new NoSuchElementException("no version %s of %s/%s".formatted(versionId.get(), bucket, key));
        }
        session.update(() -> "clear latest version of %s/%s".formatted(bucket, key), CLEAR_LATEST, bucket, key);
        versionId.ifPresent(id -> session.update(() -> "mark version %s of %s/%s latest".formatted(id, bucket, key), MARK_LATEST, bucket, key, id));
    }

    @Override
    public void updateVersion(ObjectVersion version)
    {
        requireNonNull(version, "version is null");
        int updated = session.update(() -> "update version %s of %s/%s".formatted(version.versionId(), version.bucket(), version.key()), UPDATE_VERSION,
                version.storageClass(),
                codec.toColumn(version.attributes()),
                version.bucket(),
                version.key(),
                version.versionId());
        if (updated == 0) {
            throw new NoSuchElementException("no version %s of %s/%s".formatted(version.versionId(), version.bucket(), version.key()));
        }
    }

    @Override
    public void createUpload(UploadRecord upload)
    {
        requireNonNull(upload, "upload is null");
        session.update(() -> "create upload %s of %s/%s".formatted(upload.uploadId(), upload.bucket(), upload.key()), INSERT_UPLOAD,
                upload.uploadId(),
                upload.bucket(),
                upload.key(),
                ColumnCodec.toColumn(upload.initiated()),
                upload.ownerAccountId(),
                upload.initiatorArn(),
                upload.storageClass(),
                codec.toColumn(upload.attributes()));
    }

    @Override
    public Optional<PartRecord> putPart(PartRecord part)
    {
        requireNonNull(part, "part is null");
        Optional<PartRecord> replaced = session.queryOne(() -> "read part %s of upload %s".formatted(part.partNumber(), part.uploadId()), PART, this::partRow,
                part.uploadId(), part.partNumber());
        session.update(() -> "put part %s of upload %s".formatted(part.partNumber(), part.uploadId()), UPSERT_PART,
                part.uploadId(),
                part.partNumber(),
                part.size(),
                part.etag(),
                ColumnCodec.toColumn(part.lastModified()),
                part.segment().blobId().value(),
                part.segment().length(),
                codec.toColumn(part.attributes()));
        return replaced;
    }

    @Override
    public void deleteUpload(String uploadId)
    {
        requireNonNull(uploadId, "uploadId is null");
        session.update(() -> "delete parts of upload " + uploadId, DELETE_PARTS, uploadId);
        session.update(() -> "delete upload " + uploadId, DELETE_UPLOAD, uploadId);
    }

    @Override
    public void putDocument(StoredDocument document)
    {
        requireNonNull(document, "document is null");
        session.update(() -> "put document %s/%s".formatted(document.collection(), document.id()), UPSERT_DOCUMENT,
                document.collection(), document.id(), document.body());
    }

    @Override
    public boolean deleteDocument(String collection, String id)
    {
        requireNonNull(collection, "collection is null");
        requireNonNull(id, "id is null");
        return session.update(() -> "delete document %s/%s".formatted(collection, id), DELETE_DOCUMENT, collection, id) == 1;
    }

    void putSetting(String name, String value)
    {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        session.update(() -> "put setting " + name, UPSERT_SETTING, name, value);
    }
}
