package dev.tarn.policy;

/** A place in a policy document's text, both numbers from 1, as IAM reports StartPosition and EndPosition. */
public record SourcePosition(int line, int column)
{
    public SourcePosition
    {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("positions count from 1: line " + line + ", column " + column);
        }
    }
}
