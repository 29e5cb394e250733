package dev.tarn.storage.meta.sqlite;

import dev.tarn.storage.blob.BlobId;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.PartRecord;
import dev.tarn.storage.meta.Segment;
import dev.tarn.storage.meta.StoredDocument;
import dev.tarn.storage.meta.UploadRecord;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The reads, as SQL on one connection inside one transaction (so one snapshot). Every listing
 * is an index range scan named with INDEXED BY, so a query the index cannot serve fails to
 * prepare instead of silently scanning the table.
 */
class SqliteReader
        implements MetadataReader
{
    static final String BUCKET_COLUMNS = "name, owner, region, created, versioning, configurations";
    static final String VERSION_COLUMNS = "seq, bucket, object_key, version_id, latest, delete_marker, size, etag, last_modified, storage_class, owner, segments, attributes";
    static final String UPLOAD_COLUMNS = "upload_id, bucket, object_key, initiated, owner, initiator, storage_class, attributes";
    static final String PART_COLUMNS = "upload_id, part_number, size, etag, last_modified, blob_id, blob_length, attributes";

    static final String BUCKET = "SELECT " + BUCKET_COLUMNS + " FROM buckets WHERE name = ?";
    static final String BUCKETS_OF_OWNER = "SELECT " + BUCKET_COLUMNS + " FROM buckets INDEXED BY buckets_by_owner WHERE owner = ? ORDER BY name";
    static final String LATEST = "SELECT " + VERSION_COLUMNS + " FROM versions INDEXED BY versions_latest"
            + " WHERE bucket = ? AND object_key = ? AND latest = 1 ORDER BY seq DESC LIMIT 1";
    static final String VERSION = "SELECT " + VERSION_COLUMNS + " FROM versions INDEXED BY versions_by_id"
            + " WHERE bucket = ? AND object_key = ? AND version_id = ?";
    static final String VERSION_SEQUENCE = "SELECT seq FROM versions INDEXED BY versions_by_id"
            + " WHERE bucket = ? AND object_key = ? AND version_id = ?";
    static final String VERSIONS_OF_KEY = "SELECT " + VERSION_COLUMNS + " FROM versions INDEXED BY versions_by_key"
            + " WHERE bucket = ? AND object_key = ? ORDER BY seq DESC LIMIT ?";
    static final String VERSIONS_OF_KEY_BEFORE = "SELECT " + VERSION_COLUMNS + " FROM versions INDEXED BY versions_by_key"
            + " WHERE bucket = ? AND object_key = ? AND seq < ? ORDER BY seq DESC LIMIT ?";
    static final String HAS_OBJECTS = "SELECT 1 FROM versions INDEXED BY versions_by_id WHERE bucket = ? LIMIT 1";
    static final String UPLOAD = "SELECT " + UPLOAD_COLUMNS + " FROM uploads WHERE upload_id = ?";
    static final String UPLOADS_OF_KEY = "SELECT " + UPLOAD_COLUMNS + " FROM uploads INDEXED BY uploads_by_key"
            + " WHERE bucket = ? AND object_key = ? ORDER BY initiated, upload_id LIMIT ?";
    static final String UPLOADS_OF_KEY_AFTER = "SELECT " + UPLOAD_COLUMNS + " FROM uploads INDEXED BY uploads_by_key"
            + " WHERE bucket = ? AND object_key = ? AND (initiated, upload_id) > (?, ?) ORDER BY initiated, upload_id LIMIT ?";
    static final String PARTS = "SELECT " + PART_COLUMNS + " FROM parts"
            + " WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?";
    static final String SETTING = "SELECT value FROM settings WHERE name = ?";
    static final String DOCUMENT = "SELECT collection, id, body FROM documents WHERE collection = ? AND id = ?";
    static final String REFERENCED_BLOBS = "SELECT json_extract(segment.value, '$.blob') FROM versions, json_each(versions.segments) AS segment"
            + " UNION SELECT blob_id FROM parts";

    static String latestObjectsQuery(KeyBounds bounds)
    {
        return "SELECT " + VERSION_COLUMNS + " FROM versions INDEXED BY versions_latest_objects"
                + " WHERE bucket = ? AND latest = 1 AND delete_marker = 0 AND " + bounds.condition()
                + " ORDER BY object_key LIMIT ?";
    }

    static String versionsQuery(KeyBounds bounds)
    {
        return "SELECT " + VERSION_COLUMNS + " FROM versions INDEXED BY versions_by_key"
                + " WHERE bucket = ? AND " + bounds.condition()
                + " ORDER BY object_key, seq DESC LIMIT ?";
    }

    static String documentsQuery(KeyBounds bounds)
    {
        return "SELECT collection, id, body FROM documents WHERE collection = ? AND " + bounds.condition() + " ORDER BY id LIMIT ?";
    }

    static String uploadsQuery(KeyBounds bounds)
    {
        return "SELECT " + UPLOAD_COLUMNS + " FROM uploads INDEXED BY uploads_by_key"
                + " WHERE bucket = ? AND " + bounds.condition()
                + " ORDER BY object_key, initiated, upload_id LIMIT ?";
    }

    protected final SqlSession session;
    protected final ColumnCodec codec;

    SqliteReader(SqlSession session, ColumnCodec codec)
    {
        this.session = requireNonNull(session, "session is null");
        this.codec = requireNonNull(codec, "codec is null");
    }

    @Override
    public Optional<BucketRecord> bucket(String name)
    {
        requireNonNull(name, "name is null");
        return session.queryOne(() -> "read bucket " + name, BUCKET, this::bucketRow, name);
    }

    @Override
    public List<BucketRecord> buckets(String ownerAccountId)
    {
        requireNonNull(ownerAccountId, "ownerAccountId is null");
        return List.copyOf(session.query(() -> "list buckets of " + ownerAccountId, BUCKETS_OF_OWNER, this::bucketRow, ownerAccountId));
    }

    @Override
    public Optional<ObjectVersion> latest(String bucket, String key)
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        return session.query(() -> "read latest version of " + bucket + "/" + key, LATEST, this::versionRow, bucket, key)
                .stream().findFirst();
    }

    @Override
    public Optional<ObjectVersion> version(String bucket, String key, String versionId)
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(versionId, "versionId is null");
        return session.queryOne(() -> "read version %s of %s/%s".formatted(versionId, bucket, key), VERSION, this::versionRow, bucket, key, versionId);
    }

    @Override
    public List<ObjectVersion> latestObjects(String bucket, String prefix, Optional<String> startAfter, int limit)
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(startAfter, "startAfter is null");
        checkLimit(limit);
        if (limit == 0) {
            return List.of();
        }
        KeyBounds bounds = KeyBounds.of(prefix, startAfter);
        return List.copyOf(session.query(
                () -> "list objects of %s with prefix '%s' after %s".formatted(bucket, prefix, startAfter),
                latestObjectsQuery(bounds),
                this::versionRow,
                parameters(bucket, bounds, limit)));
    }

    @Override
    public List<ObjectVersion> versions(String bucket, String prefix, Optional<String> keyMarker, Optional<String> versionIdMarker, int limit)
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(keyMarker, "keyMarker is null");
        requireNonNull(versionIdMarker, "versionIdMarker is null");
        checkLimit(limit);
        if (limit == 0) {
            return List.of();
        }
        List<ObjectVersion> page = new ArrayList<>();
        if (keyMarker.isPresent() && versionIdMarker.isPresent() && keyMarker.get().startsWith(prefix)) {
            String key = keyMarker.get();
            String versionId = versionIdMarker.get();
            Optional<Long> markerSequence = session.queryOne(
                    () -> "read sequence of version %s of %s/%s".formatted(versionId, bucket, key),
                    VERSION_SEQUENCE, row -> row.getLong(1), bucket, key, versionId);
            page.addAll(markerSequence
                    .map(sequence -> session.query(
                            () -> "list versions of %s/%s older than %s".formatted(bucket, key, versionId),
                            VERSIONS_OF_KEY_BEFORE, this::versionRow, bucket, key, sequence, limit))
                    .orElseGet(() -> session.query(
                            () -> "list versions of %s/%s".formatted(bucket, key),
                            VERSIONS_OF_KEY, this::versionRow, bucket, key, limit)));
        }
        if (page.size() < limit) {
            KeyBounds bounds = KeyBounds.of(prefix, keyMarker);
            page.addAll(session.query(
                    () -> "list versions of %s with prefix '%s' after key %s".formatted(bucket, prefix, keyMarker),
                    versionsQuery(bounds),
                    this::versionRow,
                    parameters(bucket, bounds, limit - page.size())));
        }
        return List.copyOf(page);
    }

    @Override
    public boolean hasObjects(String bucket)
    {
        requireNonNull(bucket, "bucket is null");
        return !session.query(() -> "check whether bucket " + bucket + " has objects", HAS_OBJECTS, row -> true, bucket).isEmpty();
    }

    @Override
    public Optional<UploadRecord> upload(String uploadId)
    {
        requireNonNull(uploadId, "uploadId is null");
        return session.queryOne(() -> "read upload " + uploadId, UPLOAD, this::uploadRow, uploadId);
    }

    @Override
    public List<UploadRecord> uploads(String bucket, String prefix, Optional<String> keyMarker, Optional<String> uploadIdMarker, int limit)
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(keyMarker, "keyMarker is null");
        requireNonNull(uploadIdMarker, "uploadIdMarker is null");
        checkLimit(limit);
        if (limit == 0) {
            return List.of();
        }
        List<UploadRecord> page = new ArrayList<>();
        if (keyMarker.isPresent() && uploadIdMarker.isPresent() && keyMarker.get().startsWith(prefix)) {
            String key = keyMarker.get();
            Optional<UploadRecord> marker = upload(uploadIdMarker.get())
                    .filter(upload -> upload.bucket().equals(bucket) && upload.key().equals(key));
            page.addAll(marker
                    .map(upload -> session.query(
                            () -> "list uploads of %s/%s after %s".formatted(bucket, key, upload.uploadId()),
                            UPLOADS_OF_KEY_AFTER, this::uploadRow, bucket, key, ColumnCodec.toColumn(upload.initiated()), upload.uploadId(), limit))
                    .orElseGet(() -> session.query(
                            () -> "list uploads of %s/%s".formatted(bucket, key),
                            UPLOADS_OF_KEY, this::uploadRow, bucket, key, limit)));
        }
        if (page.size() < limit) {
            KeyBounds bounds = KeyBounds.of(prefix, keyMarker);
            page.addAll(session.query(
                    () -> "list uploads of %s with prefix '%s' after key %s".formatted(bucket, prefix, keyMarker),
                    uploadsQuery(bounds),
                    this::uploadRow,
                    parameters(bucket, bounds, limit - page.size())));
        }
        return List.copyOf(page);
    }

    @Override
    public List<PartRecord> parts(String uploadId, int afterPartNumber, int limit)
    {
        requireNonNull(uploadId, "uploadId is null");
        checkLimit(limit);
        return List.copyOf(session.query(
                () -> "list parts of upload %s after %s".formatted(uploadId, afterPartNumber),
                PARTS, this::partRow, uploadId, afterPartNumber, limit));
    }

    @Override
    public Optional<StoredDocument> document(String collection, String id)
    {
        requireNonNull(collection, "collection is null");
        requireNonNull(id, "id is null");
        return session.queryOne(() -> "read document %s/%s".formatted(collection, id), DOCUMENT, SqliteReader::documentRow, collection, id);
    }

    @Override
    public List<StoredDocument> documents(String collection, String idPrefix, Optional<String> afterId, int limit)
    {
        requireNonNull(collection, "collection is null");
        requireNonNull(idPrefix, "idPrefix is null");
        requireNonNull(afterId, "afterId is null");
        checkLimit(limit);
        KeyBounds bounds = KeyBounds.of("id", idPrefix, afterId);
        List<Object> parameters = new ArrayList<>();
        parameters.add(collection);
        parameters.addAll(bounds.parameters());
        parameters.add(limit);
        return List.copyOf(session.query(() -> "list documents of " + collection, documentsQuery(bounds), SqliteReader::documentRow, parameters.toArray()));
    }

    private static StoredDocument documentRow(ResultSet row)
            throws SQLException
    {
        return new StoredDocument(row.getString("collection"), row.getString("id"), row.getString("body"));
    }

    Optional<String> setting(String name)
    {
        requireNonNull(name, "name is null");
        return session.queryOne(() -> "read setting " + name, SETTING, row -> row.getString(1), name);
    }

    void forEachReferencedBlob(Consumer<BlobId> consumer)
    {
        requireNonNull(consumer, "consumer is null");
        session.forEach(() -> "list referenced blobs", REFERENCED_BLOBS, row -> {
            consumer.accept(new BlobId(row.getString(1)));
            return null;
        });
    }

    private static Object[] parameters(String bucket, KeyBounds bounds, int limit)
    {
        List<Object> parameters = new ArrayList<>();
        parameters.add(bucket);
        parameters.addAll(bounds.parameters());
        parameters.add(limit);
        return parameters.toArray();
    }

    private static void checkLimit(int limit)
    {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit: " + limit);
        }
    }

    BucketRecord bucketRow(ResultSet row)
            throws SQLException
    {
        return new BucketRecord(
                row.getString("name"),
                row.getString("owner"),
                row.getString("region"),
                ColumnCodec.instant(row.getLong("created")),
                Optional.ofNullable(row.getString("versioning")),
                codec.stringMap(row.getString("configurations")));
    }

    ObjectVersion versionRow(ResultSet row)
            throws SQLException
    {
        return new ObjectVersion(
                row.getString("bucket"),
                row.getString("object_key"),
                row.getString("version_id"),
                row.getLong("seq"),
                row.getInt("latest") == 1,
                row.getInt("delete_marker") == 1,
                row.getLong("size"),
                row.getString("etag"),
                ColumnCodec.instant(row.getLong("last_modified")),
                row.getString("storage_class"),
                row.getString("owner"),
                codec.segments(row.getString("segments")),
                codec.stringMap(row.getString("attributes")));
    }

    UploadRecord uploadRow(ResultSet row)
            throws SQLException
    {
        return new UploadRecord(
                row.getString("upload_id"),
                row.getString("bucket"),
                row.getString("object_key"),
                ColumnCodec.instant(row.getLong("initiated")),
                row.getString("owner"),
                row.getString("initiator"),
                row.getString("storage_class"),
                codec.stringMap(row.getString("attributes")));
    }

    PartRecord partRow(ResultSet row)
            throws SQLException
    {
        return new PartRecord(
                row.getString("upload_id"),
                row.getInt("part_number"),
                row.getLong("size"),
                row.getString("etag"),
                ColumnCodec.instant(row.getLong("last_modified")),
                new Segment(new BlobId(row.getString("blob_id")), row.getLong("blob_length")),
                codec.stringMap(row.getString("attributes")));
    }
}
