package dev.tarn.athena.engine.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A view as Athena (and Trino's Hive connector) stores it in a Glue VIRTUAL_VIEW table: the
 * ViewOriginalText {@code /* Presto View: <base64 of JSON> *}{@code /}, whose JSON holds the
 * original SQL, the catalog and schema it was created in, and the output columns with Trino types.
 */
public record ViewDefinition(
        @JsonProperty("originalSql") String originalSql,
        @JsonProperty("catalog") Optional<String> catalog,
        @JsonProperty("schema") Optional<String> schema,
        @JsonProperty("columns") List<ViewColumn> columns,
        @JsonProperty("owner") Optional<String> owner,
        @JsonProperty("runAsInvoker") Optional<Boolean> runAsInvoker)
{
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new Jdk8Module())
            .serializationInclusion(JsonInclude.Include.NON_ABSENT).build();
    private static final Pattern ENCODED = Pattern.compile("^\\s*/\\*\\s*Presto View:\\s*([A-Za-z0-9+/=\\s]+?)\\s*\\*/\\s*$", Pattern.DOTALL);

    public static final String EXPANDED_TEXT = "/* Presto View */";

    public ViewDefinition
    {
        requireNonNull(originalSql, "originalSql is null");
        catalog = catalog == null ? Optional.empty() : catalog;
        schema = schema == null ? Optional.empty() : schema;
        columns = columns == null ? List.of() : List.copyOf(columns);
        owner = owner == null ? Optional.empty() : owner;
        runAsInvoker = runAsInvoker == null ? Optional.empty() : runAsInvoker;
    }

    public record ViewColumn(@JsonProperty("name") String name, @JsonProperty("type") String type)
    {
        public ViewColumn
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /** The view in a VIRTUAL_VIEW table's ViewOriginalText, when it is in Athena's encoding. */
    public static Optional<ViewDefinition> decode(String viewOriginalText)
    {
        Matcher matcher = ENCODED.matcher(viewOriginalText);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getMimeDecoder().decode(matcher.group(1));
            return Optional.of(JSON.readValue(new String(json, StandardCharsets.UTF_8), ViewDefinition.class));
        }
        catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String encode()
    {
        try {
            return "/* Presto View: " + Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(this)) + " */";
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
