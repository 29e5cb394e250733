package dev.tarn.glue.classify;

import dev.tarn.glue.model.Classifier;
import dev.tarn.glue.model.Classifier.GrokClassifier;
import io.krakens.grok.api.Grok;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies a file from a sample of its first bytes: custom classifiers first, in the crawler's
 * order (Grok, XML, JSON path, CSV), then the built-in ones (Avro, JSON, CSV). A file nothing recognizes (empty, binary,
 * unknown format) has no schema and is left out of the catalog, as Glue leaves UNKNOWN files out.
 */
public final class FileClassifier
{
    /** How much decompressed text is examined at most. */
    public static final int TEXT_LIMIT = 1 << 20;

    private final List<Classifier> custom;
    // compiled once per crawl; a classifier whose pattern does not compile matches nothing
    private final Map<String, Optional<Grok>> grokPatterns = new HashMap<>();

    public FileClassifier(List<Classifier> custom)
    {
        this.custom = List.copyOf(custom);
        for (Classifier classifier : this.custom) {
            classifier.grokClassifier().ifPresent(grok -> grokPatterns.put(grok.name(), GrokInference.compile(grok)));
        }
    }

    /**
     * @param sample the first bytes of the file
     * @param wholeFile whether the sample is the whole file
     */
    public Optional<FileSchema> classify(byte[] sample, boolean wholeFile)
    {
        if (sample.length == 0) {
            return Optional.empty();
        }
        Compression.Decompressed decompressed = Compression.decompress(sample, wholeFile, TEXT_LIMIT);
        byte[] bytes = decompressed.bytes();
        String compression = decompressed.compressionType();
        if (AvroInference.matches(sample)) {
            return AvroInference.infer(sample, "none");
        }
        if (bytes.length == 0) {
            return Optional.empty();
        }
        Optional<String> text = text(bytes, decompressed.complete());
        if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
        }
        for (Classifier classifier : custom) {
            Optional<FileSchema> schema = Optional.empty();
            if (classifier.jsonClassifier().isPresent()) {
                schema = JsonInference.infer(text.get(), compression, Optional.of(classifier.jsonClassifier().get().jsonPath()));
            }
            else if (classifier.csvClassifier().isPresent()) {
                schema = CsvInference.infer(text.get(), decompressed.complete(), compression, classifier.csvClassifier());
            }
            else if (classifier.grokClassifier().isPresent()) {
                GrokClassifier grok = classifier.grokClassifier().get();
                schema = grokPatterns.get(grok.name()).flatMap(pattern -> GrokInference.infer(grok, pattern, text.get(), decompressed.complete(), compression));
            }
            else if (classifier.xmlClassifier().isPresent()) {
                schema = XmlInference.infer(classifier.xmlClassifier().get(), text.get(), compression);
            }
            if (schema.isPresent()) {
                return schema;
            }
        }
        Optional<FileSchema> json = JsonInference.infer(text.get(), compression, Optional.empty());
        if (json.isPresent()) {
            return json;
        }
        return CsvInference.infer(text.get(), decompressed.complete(), compression, Optional.empty());
    }

    /** The sample as UTF-8 text, or empty when it is binary; a character cut at the end of an incomplete sample is dropped. */
    private static Optional<String> text(byte[] bytes, boolean complete)
    {
        int length = bytes.length;
        if (!complete) {
            // step back over a multi-byte character the sample may have cut
            int back = 0;
            while (back < 3 && length - back - 1 >= 0 && (bytes[length - back - 1] & 0xc0) == 0x80) {
                back++;
            }
            if (length - back - 1 >= 0 && (bytes[length - back - 1] & 0x80) != 0) {
                length = length - back - 1;
            }
        }
        int controls = 0;
        for (int i = 0; i < Math.min(length, 4096); i++) {
            int b = bytes[i] & 0xff;
            if (b == 0) {
                return Optional.empty();
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 1) {
                controls++;
            }
        }
        if (controls > 8) {
            return Optional.empty();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return Optional.of(decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        }
        catch (CharacterCodingException e) {
            return Optional.of(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
        }
    }
}
