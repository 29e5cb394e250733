package dev.tarn.athena.engine.ddl;

import dev.tarn.athena.engine.sql.SqlType;
import dev.tarn.glue.model.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A recursive-descent parser for the Hive DDL Athena accepts (CREATE EXTERNAL TABLE with ROW
 * FORMAT, STORED AS, PARTITIONED BY, CLUSTERED BY ...; ALTER TABLE; MSCK REPAIR TABLE; database
 * statements) and the SHOW/DESCRIBE utilities. Trino's parser does not know this dialect; anything
 * that is a Trino statement (queries, CTAS, INSERT, CREATE VIEW) is left to it.
 */
public final class HiveDdlParser
{
    private final String sql;
    private final List<HiveToken> tokens;
    private int position;

    private HiveDdlParser(String sql, List<HiveToken> tokens)
    {
        this.sql = sql;
        this.tokens = tokens;
    }

    /** The statement, or empty when it is one for Trino's parser. */
    public static Optional<HiveStatement> parse(String sql)
    {
        List<HiveToken> tokens;
        try {
            tokens = HiveLexer.tokenize(sql);
        }
        catch (HiveDdlException e) {
            if (!isHiveStatement(sql)) {
                return Optional.empty();
            }
            throw e;
        }
        HiveDdlParser parser = new HiveDdlParser(sql, tokens);
        if (!parser.isHive()) {
            return Optional.empty();
        }
        HiveStatement statement = parser.statement();
        parser.tryConsumeSymbol(";");
        parser.expectEnd();
        return Optional.of(statement);
    }

    private static boolean isHiveStatement(String sql)
    {
        String start = sql.stripLeading().toUpperCase(Locale.ROOT);
        return start.startsWith("CREATE EXTERNAL") || start.startsWith("ALTER") || start.startsWith("MSCK") || start.startsWith("SHOW")
                || start.startsWith("DESC") || start.startsWith("UNLOAD") || start.startsWith("DROP");
    }

    private boolean isHive()
    {
        HiveToken first = peek(0);
        if (first.isKeyword("ALTER") || first.isKeyword("MSCK") || first.isKeyword("SHOW") || first.isKeyword("DESCRIBE") || first.isKeyword("DESC")
                || first.isKeyword("UNLOAD") || first.isKeyword("DROP")) {
            return true;
        }
        if (!first.isKeyword("CREATE")) {
            return false;
        }
        HiveToken second = peek(1);
        if (second.isKeyword("DATABASE") || second.isKeyword("SCHEMA") || second.isKeyword("EXTERNAL")) {
            return true;
        }
        if (!second.isKeyword("TABLE")) {
            return false;
        }
        // CREATE TABLE ... AS SELECT (with or without WITH (...)) is Trino's CTAS
        int depth = 0;
        for (int i = 2; peek(i).type() != HiveToken.Type.END; i++) {
            HiveToken token = peek(i);
            if (token.isSymbol("(")) {
                depth++;
            }
            else if (token.isSymbol(")")) {
                depth--;
            }
            else if (depth == 0 && token.isKeyword("AS")) {
                return false;
            }
        }
        return true;
    }

    private HiveStatement statement()
    {
        HiveToken first = next();
        if (first.isKeyword("CREATE")) {
            if (tryKeyword("DATABASE") || tryKeyword("SCHEMA")) {
                return createDatabase();
            }
            boolean external = tryKeyword("EXTERNAL");
            expectKeyword("TABLE");
            return createTable(external);
        }
        if (first.isKeyword("DROP")) {
            if (tryKeyword("DATABASE") || tryKeyword("SCHEMA")) {
                boolean ifExists = ifExists();
                String name = identifier();
                boolean cascade = tryKeyword("CASCADE");
                if (!cascade) {
                    tryKeyword("RESTRICT");
                }
                return new HiveStatement.DropDatabase(name, ifExists, cascade);
            }
            boolean view = tryKeyword("VIEW");
            if (!view) {
                expectKeyword("TABLE");
            }
            boolean ifExists = ifExists();
            HiveStatement.Name name = name();
            tryKeyword("PURGE");
            return new HiveStatement.DropTable(name, ifExists, view);
        }
        if (first.isKeyword("ALTER")) {
            expectKeyword("TABLE");
            return alterTable(name());
        }
        if (first.isKeyword("MSCK")) {
            expectKeyword("REPAIR");
            expectKeyword("TABLE");
            return new HiveStatement.RepairTable(name());
        }
        if (first.isKeyword("SHOW")) {
            return show();
        }
        if (first.isKeyword("DESCRIBE") || first.isKeyword("DESC")) {
            boolean formatted = tryKeyword("FORMATTED") || tryKeyword("EXTENDED");
            HiveStatement.Name name = name();
            return new HiveStatement.Describe(name, formatted);
        }
        return unload();
    }

    private HiveStatement createDatabase()
    {
        boolean ifNotExists = ifNotExists();
        String name = identifier();
        Optional<String> comment = Optional.empty();
        Optional<String> location = Optional.empty();
        Map<String, String> properties = Map.of();
        while (peek(0).type() == HiveToken.Type.WORD) {
            if (tryKeyword("COMMENT")) {
                comment = Optional.of(string());
            }
            else if (tryKeyword("LOCATION")) {
                location = Optional.of(string());
            }
            else if (tryKeyword("WITH")) {
                expectKeyword("DBPROPERTIES");
                properties = properties();
            }
            else {
                break;
            }
        }
        return new HiveStatement.CreateDatabase(name, ifNotExists, comment, location, properties);
    }

    private HiveStatement createTable(boolean external)
    {
        boolean ifNotExists = ifNotExists();
        HiveStatement.Name name = name();
        List<Column> columns = List.of();
        if (peek(0).isSymbol("(")) {
            columns = columns();
        }
        Optional<String> comment = Optional.empty();
        List<Column> partitionKeys = List.of();
        List<String> bucketColumns = List.of();
        int buckets = 0;
        Optional<String> serde = Optional.empty();
        Map<String, String> serdeProperties = new LinkedHashMap<>();
        Optional<String> storedAs = Optional.empty();
        Optional<String> inputFormat = Optional.empty();
        Optional<String> outputFormat = Optional.empty();
        Optional<String> location = Optional.empty();
        Map<String, String> tableProperties = Map.of();
        while (peek(0).type() != HiveToken.Type.END && !peek(0).isSymbol(";")) {
            if (tryKeyword("COMMENT")) {
                comment = Optional.of(string());
            }
            else if (tryKeyword("PARTITIONED")) {
                expectKeyword("BY");
                partitionKeys = columns();
            }
            else if (tryKeyword("CLUSTERED")) {
                expectKeyword("BY");
                bucketColumns = identifierList();
                if (tryKeyword("SORTED")) {
                    expectKeyword("BY");
                    identifierList();
                }
                expectKeyword("INTO");
                buckets = integer();
                expectKeyword("BUCKETS");
            }
            else if (tryKeyword("ROW")) {
                expectKeyword("FORMAT");
                if (tryKeyword("SERDE")) {
                    serde = Optional.of(string());
                    if (tryKeyword("WITH")) {
                        expectKeyword("SERDEPROPERTIES");
                        serdeProperties.putAll(properties());
                    }
                }
                else {
                    expectKeyword("DELIMITED");
                    serde = Optional.of("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
                    serdeProperties.putAll(delimited());
                }
            }
            else if (tryKeyword("WITH")) {
                expectKeyword("SERDEPROPERTIES");
                serdeProperties.putAll(properties());
            }
            else if (tryKeyword("STORED")) {
                expectKeyword("AS");
                if (tryKeyword("INPUTFORMAT")) {
                    inputFormat = Optional.of(string());
                    expectKeyword("OUTPUTFORMAT");
                    outputFormat = Optional.of(string());
                }
                else {
                    storedAs = Optional.of(identifier().toUpperCase(Locale.ROOT));
                }
            }
            else if (tryKeyword("LOCATION")) {
                location = Optional.of(string());
            }
            else if (tryKeyword("TBLPROPERTIES")) {
                tableProperties = properties();
            }
            else {
                throw unexpected(peek(0));
            }
        }
        return new HiveStatement.CreateTable(name, external, ifNotExists, columns, comment, partitionKeys, bucketColumns, buckets, serde,
                serdeProperties, storedAs, inputFormat, outputFormat, location, tableProperties);
    }

    /** ROW FORMAT DELIMITED's clauses as LazySimpleSerDe's parameters. */
    private Map<String, String> delimited()
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            if (tryKeyword("FIELDS")) {
                expectKeyword("TERMINATED");
                expectKeyword("BY");
                String delimiter = string();
                parameters.put("field.delim", delimiter);
                parameters.put("serialization.format", delimiter);
                if (tryKeyword("ESCAPED")) {
                    expectKeyword("BY");
                    parameters.put("escape.delim", string());
                }
            }
            else if (tryKeyword("COLLECTION")) {
                expectKeyword("ITEMS");
                expectKeyword("TERMINATED");
                expectKeyword("BY");
                parameters.put("collection.delim", string());
            }
            else if (tryKeyword("MAP")) {
                expectKeyword("KEYS");
                expectKeyword("TERMINATED");
                expectKeyword("BY");
                parameters.put("mapkey.delim", string());
            }
            else if (tryKeyword("LINES")) {
                expectKeyword("TERMINATED");
                expectKeyword("BY");
                parameters.put("line.delim", string());
            }
            else if (tryKeyword("NULL")) {
                expectKeyword("DEFINED");
                expectKeyword("AS");
                parameters.put("serialization.null.format", string());
            }
            else {
                return parameters;
            }
        }
    }

    private HiveStatement alterTable(HiveStatement.Name table)
    {
        if (tryKeyword("ADD")) {
            if (tryKeyword("COLUMNS")) {
                return new HiveStatement.ChangeColumns(table, false, columns());
            }
            boolean ifNotExists = ifNotExists();
            List<HiveStatement.PartitionSpec> partitions = new ArrayList<>();
            do {
                Map<String, String> spec = partitionSpec();
                Optional<String> location = tryKeyword("LOCATION") ? Optional.of(string()) : Optional.empty();
                partitions.add(new HiveStatement.PartitionSpec(spec, location));
            }
            while (peek(0).isKeyword("PARTITION"));
            return new HiveStatement.AddPartitions(table, ifNotExists, partitions);
        }
        if (tryKeyword("DROP")) {
            boolean ifExists = ifExists();
            List<HiveStatement.PartitionSpec> partitions = new ArrayList<>();
            do {
                partitions.add(new HiveStatement.PartitionSpec(partitionSpec(), Optional.empty()));
            }
            while (tryConsumeSymbol(","));
            return new HiveStatement.DropPartitions(table, ifExists, partitions);
        }
        if (tryKeyword("REPLACE")) {
            expectKeyword("COLUMNS");
            return new HiveStatement.ChangeColumns(table, true, columns());
        }
        if (tryKeyword("SET")) {
            expectKeyword("TBLPROPERTIES");
            return new HiveStatement.SetTableProperties(table, properties());
        }
        throw unexpected(peek(0));
    }

    private Map<String, String> partitionSpec()
    {
        expectKeyword("PARTITION");
        expectSymbol("(");
        Map<String, String> spec = new LinkedHashMap<>();
        do {
            String key = identifier();
            expectSymbol("=");
            HiveToken value = next();
            if (value.type() != HiveToken.Type.STRING && value.type() != HiveToken.Type.NUMBER && value.type() != HiveToken.Type.WORD) {
                throw unexpected(value);
            }
            spec.put(key, value.text());
        }
        while (tryConsumeSymbol(","));
        expectSymbol(")");
        return spec;
    }

    private HiveStatement show()
    {
        if (tryKeyword("DATABASES") || tryKeyword("SCHEMAS")) {
            return new HiveStatement.Show(HiveStatement.ShowKind.DATABASES, Optional.empty(), Optional.empty(), like());
        }
        if (tryKeyword("TABLES") || tryKeyword("VIEWS")) {
            boolean views = tokens.get(position - 1).isKeyword("VIEWS");
            Optional<String> database = (tryKeyword("IN") || tryKeyword("FROM")) ? Optional.of(identifier()) : Optional.empty();
            return new HiveStatement.Show(views ? HiveStatement.ShowKind.VIEWS : HiveStatement.ShowKind.TABLES, Optional.empty(), database, like());
        }
        if (tryKeyword("PARTITIONS")) {
            return new HiveStatement.Show(HiveStatement.ShowKind.PARTITIONS, Optional.of(name()), Optional.empty(), Optional.empty());
        }
        if (tryKeyword("COLUMNS")) {
            if (!tryKeyword("IN")) {
                expectKeyword("FROM");
            }
            HiveStatement.Name table = name();
            if (tryKeyword("IN") || tryKeyword("FROM")) {
                table = new HiveStatement.Name(Optional.of(identifier().toLowerCase(Locale.ROOT)), table.name());
            }
            return new HiveStatement.Show(HiveStatement.ShowKind.COLUMNS, Optional.of(table), Optional.empty(), Optional.empty());
        }
        if (tryKeyword("TBLPROPERTIES")) {
            return new HiveStatement.Show(HiveStatement.ShowKind.TBLPROPERTIES, Optional.of(name()), Optional.empty(), Optional.empty());
        }
        expectKeyword("CREATE");
        if (tryKeyword("VIEW")) {
            return new HiveStatement.Show(HiveStatement.ShowKind.CREATE_VIEW, Optional.of(name()), Optional.empty(), Optional.empty());
        }
        expectKeyword("TABLE");
        return new HiveStatement.Show(HiveStatement.ShowKind.CREATE_TABLE, Optional.of(name()), Optional.empty(), Optional.empty());
    }

    private Optional<String> like()
    {
        if (tryKeyword("LIKE")) {
            return Optional.of(string());
        }
        if (peek(0).type() == HiveToken.Type.STRING) {
            return Optional.of(string());
        }
        return Optional.empty();
    }

    private HiveStatement unload()
    {
        HiveToken open = expectSymbol("(");
        int depth = 1;
        HiveToken token;
        do {
            token = next();
            if (token.type() == HiveToken.Type.END) {
                throw unexpected(token);
            }
            if (token.isSymbol("(")) {
                depth++;
            }
            else if (token.isSymbol(")")) {
                depth--;
            }
        }
        while (depth > 0);
        HiveToken first = tokens.get(tokens.indexOf(open) + 1);
        String query = sql.substring(first.offset(), token.offset());
        expectKeyword("TO");
        String location = string();
        Map<String, String> properties = Map.of();
        if (tryKeyword("WITH")) {
            properties = trinoProperties();
        }
        return new HiveStatement.Unload(query, first.line(), first.column(), location, properties);
    }

    /** UNLOAD's WITH (name = 'value', partitioned_by = ARRAY['a']): arrays come back comma-joined. */
    private Map<String, String> trinoProperties()
    {
        expectSymbol("(");
        Map<String, String> properties = new LinkedHashMap<>();
        do {
            String key = identifier().toLowerCase(Locale.ROOT);
            expectSymbol("=");
            if (tryKeyword("ARRAY")) {
                expectSymbol("[");
                List<String> values = new ArrayList<>();
                do {
                    values.add(next().text());
                }
                while (tryConsumeSymbol(","));
                expectSymbol("]");
                properties.put(key, String.join(",", values));
            }
            else {
                properties.put(key, next().text());
            }
        }
        while (tryConsumeSymbol(","));
        expectSymbol(")");
        return properties;
    }

    private List<Column> columns()
    {
        expectSymbol("(");
        List<Column> columns = new ArrayList<>();
        do {
            String name = identifier().toLowerCase(Locale.ROOT);
            HiveToken typeStart = peek(0);
            String type = type();
            try {
                SqlType.parseHive(type);
            }
            catch (IllegalArgumentException e) {
                throw new HiveDdlException(typeStart.line(), typeStart.column(), "Unknown type '" + type + "' for column '" + name + "'");
            }
            Optional<String> comment = tryKeyword("COMMENT") ? Optional.of(string()) : Optional.empty();
            columns.add(new Column(name, type, comment, Optional.empty()));
        }
        while (tryConsumeSymbol(","));
        expectSymbol(")");
        return columns;
    }

    /** A Hive type's text, lower case: {@code int}, {@code decimal(10,2)}, {@code array<struct<a:int>>}. */
    private String type()
    {
        StringBuilder out = new StringBuilder(identifier().toLowerCase(Locale.ROOT));
        if (peek(0).isSymbol("(")) {
            out.append(next().text());
            while (!peek(0).isSymbol(")")) {
                HiveToken token = next();
                if (token.type() == HiveToken.Type.END) {
                    throw unexpected(token);
                }
                out.append(token.text());
            }
            out.append(next().text());
        }
        if (peek(0).isSymbol("<")) {
            int depth = 0;
            do {
                HiveToken token = next();
                if (token.type() == HiveToken.Type.END) {
                    throw unexpected(token);
                }
                if (token.isSymbol("<")) {
                    depth++;
                }
                else if (token.isSymbol(">")) {
                    depth--;
                }
                out.append(token.type() == HiveToken.Type.WORD ? token.text().toLowerCase(Locale.ROOT)
                        : token.type() == HiveToken.Type.QUOTED_IDENTIFIER ? token.text() : token.text());
            }
            while (depth > 0);
        }
        return out.toString();
    }

    private Map<String, String> properties()
    {
        expectSymbol("(");
        Map<String, String> properties = new LinkedHashMap<>();
        if (tryConsumeSymbol(")")) {
            return properties;
        }
        do {
            String key = string();
            expectSymbol("=");
            properties.put(key, string());
        }
        while (tryConsumeSymbol(","));
        expectSymbol(")");
        return properties;
    }

    private List<String> identifierList()
    {
        expectSymbol("(");
        List<String> names = new ArrayList<>();
        do {
            names.add(identifier().toLowerCase(Locale.ROOT));
            if (tryKeyword("ASC") || tryKeyword("DESC")) {
                // sort direction of SORTED BY: the engine does not keep it
            }
        }
        while (tryConsumeSymbol(","));
        expectSymbol(")");
        return names;
    }

    private HiveStatement.Name name()
    {
        String first = identifier();
        if (tryConsumeSymbol(".")) {
            String second = identifier();
            if (tryConsumeSymbol(".")) {
                // catalog.database.table: only the default catalog exists
                return new HiveStatement.Name(Optional.of(second.toLowerCase(Locale.ROOT)), identifier().toLowerCase(Locale.ROOT));
            }
            return new HiveStatement.Name(Optional.of(first.toLowerCase(Locale.ROOT)), second.toLowerCase(Locale.ROOT));
        }
        return new HiveStatement.Name(Optional.empty(), first.toLowerCase(Locale.ROOT));
    }

    private boolean ifNotExists()
    {
        if (tryKeyword("IF")) {
            expectKeyword("NOT");
            expectKeyword("EXISTS");
            return true;
        }
        return false;
    }

    private boolean ifExists()
    {
        if (tryKeyword("IF")) {
            expectKeyword("EXISTS");
            return true;
        }
        return false;
    }

    private String identifier()
    {
        HiveToken token = next();
        if (token.type() == HiveToken.Type.WORD || token.type() == HiveToken.Type.QUOTED_IDENTIFIER) {
            return token.text();
        }
        if (token.type() == HiveToken.Type.STRING && token.text().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return token.text();
        }
        throw unexpected(token);
    }

    private String string()
    {
        HiveToken token = next();
        if (token.type() != HiveToken.Type.STRING) {
            throw new HiveDdlException(token.line(), token.column(), "mismatched input " + token.describe() + ". Expecting: <string>");
        }
        return token.text();
    }

    private int integer()
    {
        HiveToken token = next();
        if (token.type() != HiveToken.Type.NUMBER) {
            throw new HiveDdlException(token.line(), token.column(), "mismatched input " + token.describe() + ". Expecting: <integer>");
        }
        return Integer.parseInt(token.text());
    }

    private HiveToken peek(int ahead)
    {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private HiveToken next()
    {
        HiveToken token = peek(0);
        if (position < tokens.size() - 1) {
            position++;
        }
        return token;
    }

    private boolean tryKeyword(String keyword)
    {
        if (peek(0).isKeyword(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword)
    {
        HiveToken token = next();
        if (!token.isKeyword(keyword)) {
            throw new HiveDdlException(token.line(), token.column(), "mismatched input " + token.describe() + ". Expecting: '" + keyword + "'");
        }
    }

    private boolean tryConsumeSymbol(String symbol)
    {
        if (peek(0).isSymbol(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private HiveToken expectSymbol(String symbol)
    {
        HiveToken token = next();
        if (!token.isSymbol(symbol)) {
            throw new HiveDdlException(token.line(), token.column(), "mismatched input " + token.describe() + ". Expecting: '" + symbol + "'");
        }
        return token;
    }

    private void expectEnd()
    {
        HiveToken token = peek(0);
        if (token.type() != HiveToken.Type.END) {
            throw new HiveDdlException(token.line(), token.column(), "extraneous input " + token.describe() + " expecting <EOF>");
        }
    }

    private static HiveDdlException unexpected(HiveToken token)
    {
        return new HiveDdlException(token.line(), token.column(), "mismatched input " + token.describe());
    }
}
