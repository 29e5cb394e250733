package dev.tarn.it.cli;

import static java.util.Objects.requireNonNull;

/** What one {@code aws} command did. */
public record CliResult(int exitCode, String stdout, String stderr)
{
    public CliResult
    {
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
    }

    public boolean succeeded()
    {
        return exitCode == 0;
    }

    @Override
    public String toString()
    {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
