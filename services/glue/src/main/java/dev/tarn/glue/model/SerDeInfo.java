package dev.tarn.glue.model;

import java.util.Map;
import java.util.Optional;

/** How rows are serialized: the SerDe library and its parameters (field.delim, paths, ...). */
public record SerDeInfo(Optional<String> name, Optional<String> serializationLibrary, Map<String, String> parameters)
{
    public SerDeInfo
    {
        name = name == null ? Optional.empty() : name;
        serializationLibrary = serializationLibrary == null ? Optional.empty() : serializationLibrary;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public static SerDeInfo of(String library, Map<String, String> parameters)
    {
        return new SerDeInfo(Optional.empty(), Optional.of(library), parameters);
    }
}
