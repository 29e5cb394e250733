package dev.tarn.athena.engine.ddl;

/** A statement that is not valid Hive DDL; the message is in Athena's {@code line L:C: ...} form. */
public final class HiveDdlException
        extends RuntimeException
{
    public HiveDdlException(int line, int column, String message)
    {
        super("line " + line + ":" + column + ": " + message);
    }
}
