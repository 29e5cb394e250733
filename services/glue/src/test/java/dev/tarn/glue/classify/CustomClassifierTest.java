package dev.tarn.glue.classify;

import dev.tarn.glue.model.Classifier;
import dev.tarn.glue.model.Classifier.GrokClassifier;
import dev.tarn.glue.model.Classifier.XmlClassifier;
import dev.tarn.glue.model.Column;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Grok and XML custom classifiers: tried before the built-in ones, in order, each giving its own classification. */
class CustomClassifierTest
{
    private static final String ACCESS_LOG = """
            2024-01-02T03:04:05Z 10.0.0.1 GET 512 0.25 /index.html
            2024-01-02T03:04:06Z 10.0.0.2 POST 1024 1.5 /api/orders?id=7
            2024-01-02T03:04:07Z 192.168.1.20 GET 0 0.01 /favicon.ico
            """;

    private static Classifier grok(String name, String classification, String pattern, Optional<String> customPatterns)
    {
        return new Classifier(Optional.of(new GrokClassifier(name, classification, Optional.empty(), Optional.empty(), 1, pattern, customPatterns)),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Classifier xml(String name, String classification, String rowTag)
    {
        return new Classifier(Optional.empty(), Optional.of(new XmlClassifier(name, classification, Optional.empty(), Optional.empty(), 1,
                Optional.of(rowTag))), Optional.empty(), Optional.empty());
    }

    private static Optional<FileSchema> classify(List<Classifier> classifiers, String text)
    {
        return new FileClassifier(classifiers).classify(text.getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void grokColumnsAreTheNamedCapturesWithTheirTypes()
    {
        Optional<FileSchema> schema = classify(List.of(grok("access", "access-log",
                "%{TIMESTAMP_ISO8601:at} %{IPV4:client} %{WORD:method} %{NUMBER:bytes:int} %{NUMBER:seconds:double} %{GREEDYDATA:path}", Optional.empty())),
                ACCESS_LOG);
        assertThat(schema).isPresent();
        assertThat(schema.get().classification()).isEqualTo("access-log");
        assertThat(schema.get().resolvedColumns()).extracting(Column::name, Column::type).containsExactly(tuple("at", "string"),
                tuple("client", "string"), tuple("method", "string"), tuple("bytes", "int"), tuple("seconds", "double"), tuple("path", "string"));
        assertThat(schema.get().serde().serializationLibrary()).contains("com.amazonaws.glue.serde.GrokSerDe");
        assertThat(schema.get().serde().parameters()).containsEntry("input.format",
                "%{TIMESTAMP_ISO8601:at} %{IPV4:client} %{WORD:method} %{NUMBER:bytes:int} %{NUMBER:seconds:double} %{GREEDYDATA:path}");
        assertThat(schema.get().parameters()).containsEntry("classification", "access-log");
    }

    @Test
    void grokCustomPatternsAndEveryGlueType()
    {
        Optional<FileSchema> schema = classify(List.of(grok("orders", "orders", "%{ORDERID:id:long} %{NUMBER:qty:short} %{NUMBER:flag:byte} "
                + "%{NUMBER:price:float} %{WORD:paid:boolean} %{WORD:note:datetime}", Optional.of("ORDERID ORD-%{INT}\nUNUSED [a-z]+"))),
                "ORD-1 2 0 3.5 true x\nORD-2 4 1 1.25 false y\n");
        assertThat(schema.orElseThrow().resolvedColumns()).extracting(Column::name, Column::type).containsExactly(tuple("id", "bigint"),
                tuple("qty", "smallint"), tuple("flag", "tinyint"), tuple("price", "float"), tuple("paid", "boolean"), tuple("note", "string"));
        assertThat(schema.get().serde().parameters()).containsEntry("input.grokCustomPatterns", "ORDERID ORD-%{INT}\nUNUSED [a-z]+");
    }

    @Test
    void aBuiltInLogPatternGivesItsNamedParts()
    {
        String line = "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 \"http://www.example.com/start.html\" "
                + "\"Mozilla/4.08\"\n";
        Optional<FileSchema> schema = classify(List.of(grok("apache", "combined", "%{COMBINEDAPACHELOG}", Optional.empty())), line + line);
        assertThat(schema.orElseThrow().resolvedColumns()).extracting(Column::name).containsExactly("clientip", "ident", "auth", "timestamp", "verb",
                "request", "httpversion", "rawrequest", "response", "bytes", "referrer", "agent");
    }

    @Test
    void aLineTheGrokPatternMissesLeavesTheFileToTheNextClassifiers()
    {
        String pattern = "%{TIMESTAMP_ISO8601:at} %{IPV4:client} %{WORD:method} %{NUMBER:bytes:int} %{NUMBER:seconds:double} %{GREEDYDATA:path}";
        String text = ACCESS_LOG + "not a log line\n";
        assertThat(classify(List.of(grok("access", "access-log", pattern, Optional.empty())), text).map(FileSchema::classification))
                .isNotEqualTo(Optional.of("access-log"));
        // classifiers are tried in order: the first that matches decides
        Optional<FileSchema> first = classify(List.of(grok("words", "words", "%{GREEDYDATA:line}", Optional.empty()),
                grok("access", "access-log", pattern, Optional.empty())), ACCESS_LOG);
        assertThat(first.orElseThrow().classification()).isEqualTo("words");
        Optional<FileSchema> second = classify(List.of(grok("never", "never", "^NEVER %{WORD:w}$", Optional.empty()),
                grok("access", "access-log", pattern, Optional.empty())), ACCESS_LOG);
        assertThat(second.orElseThrow().classification()).isEqualTo("access-log");
    }

    @Test
    void aPatternThatDoesNotCompileMatchesNothing()
    {
        assertThat(classify(List.of(grok("broken", "broken", "%{NOSUCHPATTERN:x}", Optional.empty())), "a,b\n1,2\n").orElseThrow().classification())
                .isEqualTo("csv");
    }

    @Test
    void xmlRowsGiveColumnsFromAttributesAndChildren()
    {
        String document = """
                <?xml version="1.0"?>
                <catalog>
                  <book id="bk101" available="true">
                    <author>Gambardella, Matthew</author>
                    <title>XML Developer's Guide</title>
                    <price>44.95</price>
                    <published>2000-10-01</published>
                    <tag>xml</tag>
                    <publisher><name>Wrox</name><city>Chicago</city></publisher>
                  </book>
                  <book id="bk102" available="false">
                    <author>Ralls, Kim</author>
                    <title>Midnight Rain</title>
                    <price>5</price>
                    <published>2000-12-16</published>
                    <tag>fantasy</tag><tag>fiction</tag>
                    <pages>300</pages>
                  </book>
                </catalog>
                """;
        Optional<FileSchema> schema = classify(List.of(xml("books", "xml", "book")), document);
        assertThat(schema.orElseThrow().classification()).isEqualTo("xml");
        assertThat(schema.get().resolvedColumns()).extracting(Column::name, Column::type).containsExactly(tuple("_id", "string"),
                tuple("_available", "boolean"), tuple("author", "string"), tuple("title", "string"), tuple("price", "double"),
                tuple("published", "date"), tuple("tag", "array<string>"), tuple("publisher", "struct<name:string,city:string>"),
                tuple("pages", "bigint"));
        assertThat(schema.get().parameters()).containsEntry("rowTag", "book");
        assertThat(schema.get().serde().parameters()).containsEntry("xmlinput.start", "<book").containsEntry("xmlinput.end", "</book>");
    }

    @Test
    void xmlWithoutTheRowTagIsNotClaimed()
    {
        assertThat(classify(List.of(xml("books", "books", "book")), "<catalog><magazine><title>x</title></magazine></catalog>")).isEmpty();
        assertThat(classify(List.of(xml("books", "books", "book")), "a,b\n1,2\n").orElseThrow().classification()).isEqualTo("csv");
    }

    @Test
    void xmlEntitiesAreNotExpanded()
    {
        String document = """
                <?xml version="1.0"?>
                <!DOCTYPE rows [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rows><row><value>&secret;</value></row></rows>
                """;
        // a DTD is refused outright: nothing is read from outside, the file is not claimed
        assertThat(classify(List.of(xml("rows", "xml", "row")), document).map(FileSchema::classification)).isNotEqualTo(Optional.of("xml"));
    }
}
