package dev.tarn.storage.meta.sqlite;

import dev.tarn.storage.meta.MetadataStoreException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as an ordered list of migrations; {@code PRAGMA user_version} records how many
 * have been applied. A released migration is never edited: changes are new migrations.
 *
 * <p>Instants are INTEGER nanoseconds since the epoch. Keys are TEXT compared with the BINARY
 * collation, which for UTF-8 text is S3's order. Document-like fields are JSON text.
 */
final class SqliteSchema
{
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    """
                    CREATE TABLE settings (
                        name TEXT NOT NULL PRIMARY KEY,
                        value TEXT NOT NULL
                    ) STRICT, WITHOUT ROWID
                    """,
                    """
                    CREATE TABLE buckets (
                        name TEXT NOT NULL PRIMARY KEY COLLATE BINARY,
                        owner TEXT NOT NULL,
                        region TEXT NOT NULL,
                        created INTEGER NOT NULL,
                        versioning TEXT,
                        configurations TEXT NOT NULL
                    ) STRICT, WITHOUT ROWID
                    """,
                    "CREATE INDEX buckets_by_owner ON buckets (owner, name)",
                    // AUTOINCREMENT: a sequence is never reused, even after the highest row is deleted
                    """
                    CREATE TABLE versions (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        bucket TEXT NOT NULL REFERENCES buckets (name),
                        object_key TEXT NOT NULL COLLATE BINARY,
                        version_id TEXT NOT NULL,
                        latest INTEGER NOT NULL CHECK (latest IN (0, 1)),
                        delete_marker INTEGER NOT NULL CHECK (delete_marker IN (0, 1)),
                        size INTEGER NOT NULL,
                        etag TEXT NOT NULL,
                        last_modified INTEGER NOT NULL,
                        storage_class TEXT NOT NULL,
                        owner TEXT NOT NULL,
                        segments TEXT NOT NULL,
                        attributes TEXT NOT NULL
                    ) STRICT
                    """,
                    "CREATE UNIQUE INDEX versions_by_id ON versions (bucket, object_key, version_id)",
                    // ListObjectVersions: by key, newest first
                    "CREATE INDEX versions_by_key ON versions (bucket, object_key, seq DESC)",
                    // the current version of a key, delete markers included
                    "CREATE INDEX versions_latest ON versions (bucket, object_key, seq DESC) WHERE latest = 1",
                    // ListObjects: current versions that are objects, without stepping over delete markers
                    "CREATE INDEX versions_latest_objects ON versions (bucket, object_key) WHERE latest = 1 AND delete_marker = 0",
                    """
                    CREATE TABLE uploads (
                        upload_id TEXT NOT NULL PRIMARY KEY,
                        bucket TEXT NOT NULL REFERENCES buckets (name) ON DELETE CASCADE,
                        object_key TEXT NOT NULL COLLATE BINARY,
                        initiated INTEGER NOT NULL,
                        owner TEXT NOT NULL,
                        initiator TEXT NOT NULL,
                        storage_class TEXT NOT NULL,
                        attributes TEXT NOT NULL
                    ) STRICT, WITHOUT ROWID
                    """,
                    "CREATE INDEX uploads_by_key ON uploads (bucket, object_key, initiated, upload_id)",
                    """
                    CREATE TABLE parts (
                        upload_id TEXT NOT NULL REFERENCES uploads (upload_id) ON DELETE CASCADE,
                        part_number INTEGER NOT NULL,
                        size INTEGER NOT NULL,
                        etag TEXT NOT NULL,
                        last_modified INTEGER NOT NULL,
                        blob_id TEXT NOT NULL,
                        blob_length INTEGER NOT NULL,
                        attributes TEXT NOT NULL,
                        PRIMARY KEY (upload_id, part_number)
                    ) STRICT, WITHOUT ROWID
                    """),
            // Version 2: documents of the other services (IAM, KMS, ...), by collection and id
            List.of(
                    """
                    CREATE TABLE documents (
                        collection TEXT NOT NULL,
                        id TEXT NOT NULL COLLATE BINARY,
                        body TEXT NOT NULL,
                        PRIMARY KEY (collection, id)
                    ) STRICT, WITHOUT ROWID
                    """));

    private SqliteSchema() {}

    static int latestVersion()
    {
        return MIGRATIONS.size();
    }

    /** Brings the database to the latest schema, each migration in its own transaction. */
    static void migrate(Connection connection)
    {
        try {
            int current = userVersion(connection);
            if (current > latestVersion()) {
                throw new MetadataStoreException("metadata database has schema version %s, newer than the %s this version of Tarn knows; refusing to open it"
                        .formatted(current, latestVersion()));
            }
            for (int version = current + 1; version <= latestVersion(); version++) {
                apply(connection, version, MIGRATIONS.get(version - 1));
            }
        }
        catch (SQLException e) {
            throw new MetadataStoreException("cannot migrate the metadata schema: " + e.getMessage(), e);
        }
    }

    static int userVersion(Connection connection)
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA user_version")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static void apply(Connection connection, int version, List<String> statements)
            throws SQLException
    {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            // the version is in the database header, written in the same transaction as the schema
            statement.execute("PRAGMA user_version = " + version);
            connection.commit();
        }
        catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            }
            catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        finally {
            connection.setAutoCommit(true);
        }
    }
}
