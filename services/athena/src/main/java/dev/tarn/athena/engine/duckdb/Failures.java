package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.QueryFailure;
import dev.tarn.athena.engine.sql.TranslationException;
import dev.tarn.spi.error.AwsException;
import io.trino.sql.parser.ParsingException;
import io.trino.sql.tree.DefaultTraversalVisitor;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.NodeLocation;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Failures in the terms GetQueryExecution reports them: Athena's category, type and message. */
final class Failures
{
    static final int SYNTAX_ERROR = 1001;
    static final int NOT_FOUND = 1301;
    static final int ACCESS_DENIED = 1207;
    static final int INVALID_ARGUMENT = 1100;
    static final int INTERNAL = 401;

    private static final Pattern MISSING_COLUMN = Pattern.compile("Referenced column \"([^\"]+)\" not found", Pattern.CASE_INSENSITIVE);

    private Failures() {}

    static QueryFailure syntax(ParsingException e)
    {
        return QueryFailure.failed(QueryFailure.Category.USER, SYNTAX_ERROR, e.getMessage(), e);
    }

    static QueryFailure translation(TranslationException e)
    {
        String prefix = switch (e.kind()) {
            case NOT_SUPPORTED -> "NOT_SUPPORTED: ";
            case NOT_FOUND -> "TABLE_NOT_FOUND: ";
            case SEMANTIC -> "";
        };
        String message = e.location().map(at -> "line " + at.getLineNumber() + ":" + at.getColumnNumber() + ": ").orElse("") + prefix + e.getMessage();
        return QueryFailure.failed(QueryFailure.Category.USER, e.kind() == TranslationException.Kind.NOT_FOUND ? NOT_FOUND : SYNTAX_ERROR, message, e);
    }

    static QueryFailure aws(AwsException e)
    {
        boolean denied = e.code().contains("AccessDenied") || e.httpStatus() == 403;
        if (denied) {
            return QueryFailure.failed(QueryFailure.Category.USER, ACCESS_DENIED, "Access denied: " + e.getMessage(), e);
        }
        if (e.code().equals("PreconditionFailed")) {
            // the ranges of one object are read with If-Match on the version read first
            return QueryFailure.failed(QueryFailure.Category.USER, INVALID_ARGUMENT,
                    "HIVE_FILESYSTEM_ERROR: An object of the table was replaced while the query read it; run the query again", e);
        }
        if (e.httpStatus() >= 500) {
            return QueryFailure.failed(QueryFailure.Category.SYSTEM, INTERNAL, e.code() + ": " + e.getMessage(), e);
        }
        return QueryFailure.failed(QueryFailure.Category.USER, e.code().contains("NotFound") || e.code().startsWith("NoSuch") ? NOT_FOUND : INVALID_ARGUMENT,
                e.code() + ": " + e.getMessage(), e);
    }

    static QueryFailure cutoff()
    {
        return QueryFailure.failed(QueryFailure.Category.USER, INVALID_ARGUMENT,
                "Query exhausted resources: Bytes scanned limit was exceeded (the work group's BytesScannedCutoffPerQuery)");
    }

    /** A value DuckDB could not convert, or a CSV reading error (which a read of typed columns reports for a value that does not parse). */
    static boolean isConversionError(SQLException e)
    {
        String lower = Optional.ofNullable(e.getMessage()).orElse("").toLowerCase(Locale.ROOT);
        return lower.startsWith("conversion error") || lower.contains("could not convert") || lower.contains("csv error");
    }

    /** A DuckDB error, with the position of the name it is about when the query names it. */
    static QueryFailure duckDb(SQLException e, Optional<Node> statement)
    {
        String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        Matcher missing = MISSING_COLUMN.matcher(message);
        if (missing.find()) {
            String column = missing.group(1);
            String at = statement.flatMap(tree -> firstIdentifier(tree, column))
                    .map(location -> "line " + location.getLineNumber() + ":" + location.getColumnNumber() + ": ").orElse("");
            return QueryFailure.failed(QueryFailure.Category.USER, SYNTAX_ERROR, at + "COLUMN_NOT_FOUND: Column '" + column + "' cannot be resolved", e);
        }
        String firstLine = message.lines().findFirst().orElse(message);
        String lower = firstLine.toLowerCase(Locale.ROOT);
        if (lower.startsWith("internal error") || lower.startsWith("fatal error")) {
            return QueryFailure.failed(QueryFailure.Category.SYSTEM, INTERNAL, "GENERIC_INTERNAL_ERROR: " + firstLine, e);
        }
        if (lower.startsWith("conversion error") || lower.startsWith("invalid input error") || lower.startsWith("out of range error")) {
            return QueryFailure.failed(QueryFailure.Category.USER, INVALID_ARGUMENT, "INVALID_CAST_ARGUMENT: " + firstLine, e);
        }
        if (lower.startsWith("out of memory error")) {
            return QueryFailure.failed(QueryFailure.Category.SYSTEM, INTERNAL, "EXCEEDED_MEMORY_LIMIT: " + firstLine, e);
        }
        return QueryFailure.failed(QueryFailure.Category.USER, SYNTAX_ERROR, firstLine, e);
    }

    private static Optional<NodeLocation> firstIdentifier(Node tree, String name)
    {
        AtomicReference<NodeLocation> found = new AtomicReference<>();
        new DefaultTraversalVisitor<Void>()
        {
            @Override
            protected Void visitIdentifier(Identifier node, Void context)
            {
                if (found.get() == null && node.getValue().equalsIgnoreCase(name) && node.getLocation().isPresent()) {
                    found.set(node.getLocation().get());
                }
                return null;
            }
        }.process(tree, null);
        return Optional.ofNullable(found.get());
    }
}
