package dev.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A custom classifier: exactly one of its members is present. */
public record Classifier(Optional<GrokClassifier> grokClassifier, @JsonProperty("XMLClassifier") Optional<XmlClassifier> xmlClassifier,
        Optional<JsonClassifier> jsonClassifier, Optional<CsvClassifier> csvClassifier)
{
    public Classifier
    {
        grokClassifier = grokClassifier == null ? Optional.empty() : grokClassifier;
        xmlClassifier = xmlClassifier == null ? Optional.empty() : xmlClassifier;
        jsonClassifier = jsonClassifier == null ? Optional.empty() : jsonClassifier;
        csvClassifier = csvClassifier == null ? Optional.empty() : csvClassifier;
    }

    public String name()
    {
        return grokClassifier.map(GrokClassifier::name)
                .or(() -> xmlClassifier.map(XmlClassifier::name))
                .or(() -> jsonClassifier.map(JsonClassifier::name))
                .or(() -> csvClassifier.map(CsvClassifier::name))
                .orElseThrow();
    }

    public record CsvClassifier(String name, Optional<Instant> creationTime, Optional<Instant> lastUpdated, long version, Optional<String> delimiter,
            Optional<String> quoteSymbol, Optional<String> containsHeader, Optional<List<String>> header, Optional<Boolean> disableValueTrimming,
            Optional<Boolean> allowSingleColumn, Optional<Boolean> customDatatypeConfigured, Optional<List<String>> customDatatypes, Optional<String> serde) {}

    public record JsonClassifier(String name, Optional<Instant> creationTime, Optional<Instant> lastUpdated, long version, String jsonPath) {}

    public record GrokClassifier(String name, String classification, Optional<Instant> creationTime, Optional<Instant> lastUpdated, long version,
            String grokPattern, Optional<String> customPatterns) {}

    public record XmlClassifier(String name, String classification, Optional<Instant> creationTime, Optional<Instant> lastUpdated, long version,
            Optional<String> rowTag) {}
}
