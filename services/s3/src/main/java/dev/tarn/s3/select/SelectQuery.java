package dev.tarn.s3.select;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * A parsed {@code SELECT ... FROM S3Object[*].path alias WHERE ... LIMIT n}. An empty select
 * list is {@code *}; {@code fromPath} is the JSON path after {@code S3Object[*]}.
 */
public record SelectQuery(List<Item> items, List<Expression.Step> fromPath, Optional<String> alias, Optional<Expression> where, OptionalLong limit)
{
    public SelectQuery
    {
        items = List.copyOf(items);
        fromPath = List.copyOf(fromPath);
        requireNonNull(alias, "alias is null");
        requireNonNull(where, "where is null");
        requireNonNull(limit, "limit is null");
    }

    public boolean selectsAll()
    {
        return items.isEmpty();
    }

    public record Item(Expression expression, Optional<String> alias)
    {
        public Item
        {
            requireNonNull(expression, "expression is null");
            requireNonNull(alias, "alias is null");
        }
    }
}
