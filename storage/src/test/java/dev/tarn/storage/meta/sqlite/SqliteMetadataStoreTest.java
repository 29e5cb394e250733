package dev.tarn.storage.meta.sqlite;

import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.MetadataStoreContractTest;
import dev.tarn.storage.meta.MetadataStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.tarn.storage.meta.MetadataFixtures.bucket;
import static dev.tarn.storage.meta.MetadataFixtures.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteMetadataStoreTest
        extends MetadataStoreContractTest
{
    @TempDir
    Path dataDirectory;

    @Override
    protected MetadataStore openStore()
    {
        return SqliteMetadataStore.openInDirectory(dataDirectory);
    }

    @Test
    void createsTheLatestSchemaInWalMode()
            throws SQLException
    {
        try (Connection connection = rawConnection()) {
            assertThat(SqliteSchema.userVersion(connection)).isEqualTo(SqliteSchema.latestVersion()).isPositive();
            assertThat(single(connection, "PRAGMA journal_mode")).isEqualTo("wal");
        }
    }

    @Test
    void refusesADatabaseFromANewerVersion()
            throws SQLException
    {
        store.close();
        try (Connection connection = rawConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = " + (SqliteSchema.latestVersion() + 1));
        }
        assertThatThrownBy(this::openStore)
                .isInstanceOf(MetadataStoreException.class)
                .hasMessageContaining("newer");
        // reopened for the tear-down
        try (Connection connection = rawConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = " + SqliteSchema.latestVersion());
        }
        store = openStore();
    }

    @Test
    void rejectsAWriteInsideAWrite()
    {
        assertThatThrownBy(() -> store.write(tx -> store.write(inner -> inner.createBucket(bucket("inner")))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.read((MetadataReader reader) -> reader.bucket("inner"))).isEmpty();
    }

    @Test
    void failsWithContextWhenTheDatabaseRejectsAWrite()
    {
        assertThatThrownBy(() -> store.write(tx -> tx.putVersion(object("missing-bucket", "some/key", "v7"))))
                .isInstanceOf(MetadataStoreException.class)
                .hasMessageContaining("missing-bucket/some/key")
                .hasCauseInstanceOf(SQLException.class);
    }

    /** Every listing is an index range scan: no table scan, no sort, whatever the bounds. */
    @Test
    void listingsAreIndexRangeScans()
            throws SQLException
    {
        List<String> queries = new ArrayList<>(List.of(
                SqliteReader.BUCKETS_OF_OWNER,
                SqliteReader.LATEST,
                SqliteReader.VERSION,
                SqliteReader.VERSIONS_OF_KEY,
                SqliteReader.VERSIONS_OF_KEY_BEFORE,
                SqliteReader.HAS_OBJECTS,
                SqliteReader.UPLOADS_OF_KEY,
                SqliteReader.UPLOADS_OF_KEY_AFTER,
                SqliteReader.PARTS));
        for (String prefix : List.of("", "photos/", "\uDBFF\uDFFF")) {
            for (Optional<String> marker : List.of(Optional.<String>empty(), Optional.of("a"), Optional.of("photos/2024"), Optional.of("zzz"))) {
                KeyBounds bounds = KeyBounds.of(prefix, marker);
                queries.add(SqliteReader.latestObjectsQuery(bounds));
                queries.add(SqliteReader.versionsQuery(bounds));
                queries.add(SqliteReader.uploadsQuery(bounds));
            }
        }
        try (Connection connection = rawConnection()) {
            for (String query : queries) {
                String plan = String.join("\n", column(connection, "EXPLAIN QUERY PLAN " + query, "detail"));
                assertThat(plan)
                        .as("plan of %s", query)
                        .contains("SEARCH")
                        .doesNotContain("SCAN")
                        .doesNotContain("TEMP B-TREE");
            }
        }
    }

    @Test
    void boundsUseTheTighterOfPrefixAndMarker()
    {
        assertThat(KeyBounds.of("p/", Optional.empty())).isEqualTo(new KeyBounds("object_key >= ? AND object_key < ?", List.of("p/", "p0")));
        assertThat(KeyBounds.of("p/", Optional.of("a"))).isEqualTo(new KeyBounds("object_key >= ? AND object_key < ?", List.of("p/", "p0")));
        assertThat(KeyBounds.of("p/", Optional.of("p/x"))).isEqualTo(new KeyBounds("object_key > ? AND object_key < ?", List.of("p/x", "p0")));
        assertThat(KeyBounds.of("", Optional.of("k"))).isEqualTo(new KeyBounds("object_key > ?", List.of("k")));
        assertThat(KeyBounds.of("", Optional.empty())).isEqualTo(new KeyBounds("object_key >= ?", List.of("")));
    }

    private Connection rawConnection()
            throws SQLException
    {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.resolve(SqliteMetadataStore.FILE_NAME));
    }

    private static String single(Connection connection, String sql)
            throws SQLException
    {
        return column(connection, sql, null).get(0);
    }

    private static List<String> column(Connection connection, String sql, String name)
            throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(name == null ? rows.getString(1) : rows.getString(name));
            }
            return values;
        }
    }
}
