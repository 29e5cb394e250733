package dev.tarn.athena.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarn.athena.engine.ResultColumn;

import java.util.List;

/**
 * The {@code .metadata} file beside a result: Athena writes a binary (protobuf) description of
 * the columns there, whose format is not published; Tarn writes the same facts as JSON,
 * {@code {"columns":[{"name","type","precision","scale","nullable"}],"rowCount":n}}. Tarn itself
 * never reads it back: GetQueryResults takes the types from the stored execution.
 */
public final class ResultMetadata
{
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ResultMetadata() {}

    private record Document(List<ResultColumn> columns, long rowCount) {}

    public static String json(List<ResultColumn> columns, long rowCount)
    {
        try {
            return JSON.writeValueAsString(new Document(columns, rowCount));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
