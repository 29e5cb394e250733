package dev.tarn.athena.execution;

import java.util.Locale;

/**
 * Athena's StatementType of a statement before it runs, from its first words; the engine's
 * verdict replaces it once the statement finished.
 */
public final class StatementTypes
{
    private StatementTypes() {}

    public static String of(String sql)
    {
        String text = sql.strip().replaceAll("^(--[^\\n]*\\n\\s*|/\\*.*?\\*/\\s*)+", "").toUpperCase(Locale.ROOT);
        String first = text.split("[\\s(]+", 2)[0];
        return switch (first) {
            case "SELECT", "WITH", "VALUES", "TABLE", "INSERT", "UNLOAD", "DELETE", "UPDATE", "MERGE" -> "DML";
            case "CREATE" -> text.matches("(?s)CREATE\\s+TABLE\\s+.*\\bAS\\b\\s*(\\(\\s*)?(SELECT|WITH|VALUES|TABLE)\\b.*") ? "DML" : "DDL";
            case "EXPLAIN", "EXECUTE", "PREPARE", "DEALLOCATE", "DESCRIBE" -> text.startsWith("DESCRIBE INPUT") || text.startsWith("DESCRIBE OUTPUT")
                    || !first.equals("DESCRIBE") ? "UTILITY" : "DDL";
            default -> "DDL";
        };
    }
}
