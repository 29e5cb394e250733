package dev.tarn.glue.model;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A column of a table or partition key: name and Hive type. */
public record Column(String name, String type, Optional<String> comment, Optional<Map<String, String>> parameters)
{
    public Column
    {
        requireNonNull(name, "name is null");
        type = type == null ? "string" : type;
        comment = comment == null ? Optional.empty() : comment;
        parameters = parameters == null ? Optional.empty() : parameters.map(Map::copyOf);
    }

    public static Column of(String name, String type)
    {
        return new Column(name, type, Optional.empty(), Optional.empty());
    }
}
