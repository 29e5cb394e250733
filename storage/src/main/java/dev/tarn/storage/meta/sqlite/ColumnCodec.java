package dev.tarn.storage.meta.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tarn.storage.blob.BlobId;
import dev.tarn.storage.meta.MetadataStoreException;
import dev.tarn.storage.meta.Segment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How values that are not plain text or numbers are stored in columns: instants as INTEGER
 * nanoseconds since the epoch (exact for 1677..2262), string maps as JSON objects, segment lists
 * as JSON arrays of {@code {"blob": id, "length": n}}.
 */
final class ColumnCodec
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final ObjectMapper mapper = new ObjectMapper();

    static long toColumn(Instant instant)
    {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        }
        catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant outside the storable range (years 1677 to 2262): " + instant, e);
        }
    }

    static Instant instant(long column)
    {
        return Instant.ofEpochSecond(Math.floorDiv(column, NANOS_PER_SECOND), Math.floorMod(column, NANOS_PER_SECOND));
    }

    String toColumn(Map<String, String> map)
    {
        try {
            // sorted, so equal maps are stored as equal text
            return mapper.writeValueAsString(new TreeMap<>(map));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a string map as JSON", e);
        }
    }

    Map<String, String> stringMap(String column)
    {
        try {
            return Map.copyOf(mapper.readValue(column, STRING_MAP));
        }
        catch (JsonProcessingException e) {
            throw new MetadataStoreException("corrupt JSON map in the metadata database: " + e.getOriginalMessage(), e);
        }
    }

    String segmentsToColumn(List<Segment> segments)
    {
        ArrayNode array = mapper.createArrayNode();
        for (Segment segment : segments) {
            array.addObject()
                    .put("blob", segment.blobId().value())
                    .put("length", segment.length());
        }
        return array.toString();
    }

    List<Segment> segments(String column)
    {
        try {
            JsonNode array = mapper.readTree(column);
            List<Segment> segments = new ArrayList<>(array.size());
            for (JsonNode segment : array) {
                segments.add(new Segment(new BlobId(segment.required("blob").asText()), segment.required("length").asLong()));
            }
            return List.copyOf(segments);
        }
        catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MetadataStoreException("corrupt segment list in the metadata database: " + e.getMessage(), e);
        }
    }
}
