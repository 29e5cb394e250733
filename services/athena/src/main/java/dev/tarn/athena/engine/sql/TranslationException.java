package dev.tarn.athena.engine.sql;

import io.trino.sql.tree.Node;
import io.trino.sql.tree.NodeLocation;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A statement the engine cannot run as written: a semantic error (unknown table or function) or a
 * construct it does not support. Carries the position Athena reports as {@code line L:C}.
 */
public final class TranslationException
        extends RuntimeException
{
    /** What kind of problem, for Athena's ErrorType. */
    public enum Kind
    {
        SEMANTIC, NOT_FOUND, NOT_SUPPORTED
    }

    private final Kind kind;
    private final Optional<NodeLocation> location;

    public TranslationException(Kind kind, Optional<NodeLocation> location, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.kind = requireNonNull(kind, "kind is null");
        this.location = requireNonNull(location, "location is null");
    }

    public static TranslationException unsupported(Node node, String what)
    {
        return new TranslationException(Kind.NOT_SUPPORTED, node.getLocation(), what + " is not supported");
    }

    public static TranslationException semantic(Node node, String message)
    {
        return new TranslationException(Kind.SEMANTIC, node.getLocation(), message);
    }

    public Kind kind()
    {
        return kind;
    }

    public Optional<NodeLocation> location()
    {
        return location;
    }

    /** The message in Athena's form: {@code line 1:8: ...} when the position is known. */
    public String athenaMessage()
    {
        return location.map(at -> "line " + at.getLineNumber() + ":" + at.getColumnNumber() + ": " + getMessage()).orElse(getMessage());
    }
}
