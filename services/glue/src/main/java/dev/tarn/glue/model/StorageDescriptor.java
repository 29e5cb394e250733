package dev.tarn.glue.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how the data of a table or partition is stored. Members the catalog keeps without
 * interpreting (skew, schema registry references) are held as JSON.
 */
public record StorageDescriptor(
        List<Column> columns,
        Optional<String> location,
        Optional<List<String>> additionalLocations,
        Optional<String> inputFormat,
        Optional<String> outputFormat,
        boolean compressed,
        int numberOfBuckets,
        Optional<SerDeInfo> serdeInfo,
        List<String> bucketColumns,
        List<Order> sortColumns,
        Map<String, String> parameters,
        Optional<JsonNode> skewedInfo,
        boolean storedAsSubDirectories,
        Optional<JsonNode> schemaReference)
{
    public StorageDescriptor
    {
        columns = columns == null ? List.of() : List.copyOf(columns);
        location = location == null ? Optional.empty() : location;
        additionalLocations = additionalLocations == null ? Optional.empty() : additionalLocations.map(List::copyOf);
        inputFormat = inputFormat == null ? Optional.empty() : inputFormat;
        outputFormat = outputFormat == null ? Optional.empty() : outputFormat;
        serdeInfo = serdeInfo == null ? Optional.empty() : serdeInfo;
        bucketColumns = bucketColumns == null ? List.of() : List.copyOf(bucketColumns);
        sortColumns = sortColumns == null ? List.of() : List.copyOf(sortColumns);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        skewedInfo = skewedInfo == null ? Optional.empty() : skewedInfo;
        schemaReference = schemaReference == null ? Optional.empty() : schemaReference;
    }

    public StorageDescriptor withLocation(String value)
    {
        return new StorageDescriptor(columns, Optional.of(value), additionalLocations, inputFormat, outputFormat, compressed, numberOfBuckets, serdeInfo,
                bucketColumns, sortColumns, parameters, skewedInfo, storedAsSubDirectories, schemaReference);
    }

    public StorageDescriptor withColumns(List<Column> value)
    {
        return new StorageDescriptor(value, location, additionalLocations, inputFormat, outputFormat, compressed, numberOfBuckets, serdeInfo,
                bucketColumns, sortColumns, parameters, skewedInfo, storedAsSubDirectories, schemaReference);
    }

    public StorageDescriptor withParameters(Map<String, String> value)
    {
        return new StorageDescriptor(columns, location, additionalLocations, inputFormat, outputFormat, compressed, numberOfBuckets, serdeInfo,
                bucketColumns, sortColumns, value, skewedInfo, storedAsSubDirectories, schemaReference);
    }
}
