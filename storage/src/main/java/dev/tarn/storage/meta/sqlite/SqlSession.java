package dev.tarn.storage.meta.sqlite;

import dev.tarn.storage.meta.MetadataStoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs statements on one connection for the duration of one read or write call, turning
 * {@link SQLException}s into {@link MetadataStoreException}s that say what was being done.
 */
final class SqlSession
{
    @FunctionalInterface
    interface RowMapper<T>
    {
        T map(ResultSet row)
                throws SQLException;
    }

    private final Connection connection;
    private volatile boolean active = true;

    SqlSession(Connection connection)
    {
        this.connection = requireNonNull(connection, "connection is null");
    }

    /** Ends the session: statements after this fail, so a reader cannot outlive its call. */
    void end()
    {
        active = false;
    }

    <T> List<T> query(Supplier<String> context, String sql, RowMapper<T> mapper, Object... parameters)
    {
        checkActive();
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
        catch (SQLException e) {
            throw failure(context, e);
        }
    }

    <T> Optional<T> queryOne(Supplier<String> context, String sql, RowMapper<T> mapper, Object... parameters)
    {
        List<T> rows = query(context, sql, mapper, parameters);
        if (rows.size() > 1) {
            throw new MetadataStoreException(context.get() + ": expected at most one row, found " + rows.size());
        }
        return rows.stream().findFirst();
    }

    /** Runs a query and hands each row to {@code consumer} as it is read. */
    void forEach(Supplier<String> context, String sql, RowMapper<Void> consumer, Object... parameters)
    {
        checkActive();
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                consumer.map(rows);
            }
        }
        catch (SQLException e) {
            throw failure(context, e);
        }
    }

    int update(Supplier<String> context, String sql, Object... parameters)
    {
        checkActive();
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        }
        catch (SQLException e) {
            throw failure(context, e);
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters)
            throws SQLException
    {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter instanceof String text) {
                    statement.setString(i + 1, text);
                }
                else if (parameter instanceof Long number) {
                    statement.setLong(i + 1, number);
                }
                else if (parameter instanceof Integer number) {
                    statement.setInt(i + 1, number);
                }
                else if (parameter instanceof Boolean flag) {
                    statement.setInt(i + 1, flag ? 1 : 0);
                }
                else if (parameter == null) {
                    statement.setNull(i + 1, java.sql.Types.NULL);
                }
                else {
                    throw new IllegalArgumentException("unsupported parameter type: " + parameter.getClass().getName());
                }
            }
            return statement;
        }
        catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private void checkActive()
    {
        if (!active) {
            throw new IllegalStateException("metadata reader or transaction used after its call returned");
        }
    }

    private static MetadataStoreException failure(Supplier<String> context, SQLException e)
    {
        return new MetadataStoreException(context.get() + ": " + e.getMessage(), e);
    }
}
