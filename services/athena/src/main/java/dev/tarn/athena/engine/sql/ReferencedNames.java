package dev.tarn.athena.engine.sql;

import io.trino.sql.tree.AllColumns;
import io.trino.sql.tree.DefaultTraversalVisitor;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Join;
import io.trino.sql.tree.JoinUsing;
import io.trino.sql.tree.NaturalJoin;
import io.trino.sql.tree.Node;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every name a statement mentions, in lower case, or empty when it selects all columns somewhere
 * ({@code *}): a superset of the columns it can read, so a reader may skip the others.
 */
public final class ReferencedNames
{
    private ReferencedNames() {}

    public static Optional<Set<String>> of(Node statement)
    {
        Set<String> names = new HashSet<>();
        boolean[] all = new boolean[1];
        new DefaultTraversalVisitor<Void>()
        {
            @Override
            protected Void visitIdentifier(Identifier node, Void context)
            {
                names.add(node.getValue().toLowerCase(Locale.ROOT));
                return null;
            }

            @Override
            protected Void visitDereferenceExpression(DereferenceExpression node, Void context)
            {
                node.getField().ifPresent(field -> names.add(field.getValue().toLowerCase(Locale.ROOT)));
                return super.visitDereferenceExpression(node, context);
            }

            @Override
            protected Void visitJoin(Join node, Void context)
            {
                node.getCriteria().ifPresent(criteria -> {
                    if (criteria instanceof JoinUsing using) {
                        using.getColumns().forEach(column -> names.add(column.getValue().toLowerCase(Locale.ROOT)));
                    }
                    if (criteria instanceof NaturalJoin) {
                        // the columns a natural join compares are implicit
                        all[0] = true;
                    }
                });
                return super.visitJoin(node, context);
            }

            @Override
            protected Void visitAllColumns(AllColumns node, Void context)
            {
                all[0] = true;
                return super.visitAllColumns(node, context);
            }
        }.process(statement, null);
        return all[0] ? Optional.empty() : Optional.of(Set.copyOf(names));
    }
}
