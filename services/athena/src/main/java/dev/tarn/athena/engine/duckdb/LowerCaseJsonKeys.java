package dev.tarn.athena.engine.duckdb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Rewrites a stream of JSON records with every member name in lower case, one record per line.
 * Hive's JSON SerDes match members to columns ignoring case (and the catalog keeps column names
 * in lower case); DuckDB's JSON reader matches exactly, so without this a member spelled
 * {@code "Name"} would read as NULL for the column {@code name}. The parser is Jackson's
 * non-blocking one, fed as the object's bytes arrive, so nothing is held whole.
 */
final class LowerCaseJsonKeys
        extends OutputStream
{
    private static final JsonFactory JSON = new JsonFactory();

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final JsonGenerator generator;
    private int depth;

    LowerCaseJsonKeys(OutputStream out)
            throws IOException
    {
        this.parser = JSON.createNonBlockingByteArrayParser();
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        this.generator = JSON.createGenerator(out);
        this.generator.setRootValueSeparator(new SerializedString("\n"));
    }

    @Override
    public void write(int b)
            throws IOException
    {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length)
            throws IOException
    {
        feeder.feedInput(bytes, offset, offset + length);
        drain();
    }

    private void drain()
            throws IOException
    {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            switch (token) {
                case START_OBJECT -> {
                    generator.writeStartObject();
                    depth++;
                }
                case END_OBJECT -> {
                    generator.writeEndObject();
                    depth--;
                }
                case START_ARRAY -> {
                    generator.writeStartArray();
                    depth++;
                }
                case END_ARRAY -> {
                    generator.writeEndArray();
                    depth--;
                }
                case FIELD_NAME -> generator.writeFieldName(parser.currentName().toLowerCase(Locale.ROOT));
                case VALUE_STRING -> generator.writeString(parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
                case VALUE_TRUE -> generator.writeBoolean(true);
                case VALUE_FALSE -> generator.writeBoolean(false);
                case VALUE_NULL -> generator.writeNull();
                default -> throw new IOException("Unexpected JSON token " + token);
            }
            if (depth == 0) {
                // one record per line, flushed as it completes
                generator.flush();
            }
        }
    }

    @Override
    public void close()
            throws IOException
    {
        feeder.endOfInput();
        drain();
        generator.writeRaw('\n');
        generator.close();
        parser.close();
    }
}
