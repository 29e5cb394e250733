package dev.tarn.athena.engine.sql;

import io.trino.sql.tree.FetchFirst;
import io.trino.sql.tree.Limit;
import io.trino.sql.tree.Node;

/** Whether a statement may stop reading its tables before their end (it has a LIMIT or FETCH FIRST somewhere). */
public final class EarlyStop
{
    private EarlyStop() {}

    public static boolean possible(Node statement)
    {
        if (statement instanceof Limit || statement instanceof FetchFirst) {
            return true;
        }
        for (Node child : statement.getChildren()) {
            if (possible(child)) {
                return true;
            }
        }
        return false;
    }
}
