package dev.tarn.glue.classify;

import dev.tarn.glue.model.Classifier.XmlClassifier;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.SerDeInfo;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An XML custom classifier: the records are the elements named by the classifier's RowTag,
 * wherever they are in the document. Columns are a row's attributes (named with Glue's XML
 * attribute prefix {@code _}) and child elements: an element with only text is typed by its
 * value as CSV fields are, one with attributes or children of its own is a struct, and one that
 * repeats within a row is an array.
 */
public final class XmlInference
{
    static final String ATTRIBUTE_PREFIX = "_";
    private static final int MAX_ROWS = 1000;

    private XmlInference() {}

    public static Optional<FileSchema> infer(XmlClassifier classifier, String text, String compressionType)
    {
        if (classifier.rowTag().isEmpty() || classifier.rowTag().get().isBlank() || !text.stripLeading().startsWith("<")) {
            return Optional.empty();
        }
        String rowTag = classifier.rowTag().get();
        Map<String, String> types = new LinkedHashMap<>();
        int rows = 0;
        try {
            XMLStreamReader reader = factory().createXMLStreamReader(new StringReader(text));
            try {
                while (rows < MAX_ROWS && reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals(rowTag)) {
                        element(reader).fields().forEach((name, type) -> types.merge(name, type, XmlInference::merge));
                        rows++;
                    }
                }
            }
            finally {
                reader.close();
            }
        }
        catch (XMLStreamException e) {
            // a sample cut inside the document, or not XML at all: the rows read so far decide
        }
        if (rows == 0 || types.isEmpty()) {
            return Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        types.forEach((name, type) -> columns.add(Column.of(name, type)));
        Map<String, String> serdeParameters = new LinkedHashMap<>();
        serdeParameters.put("xmlinput.start", "<" + rowTag);
        serdeParameters.put("xmlinput.end", "</" + rowTag + ">");
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("classification", classifier.classification());
        parameters.put("rowTag", rowTag);
        return Optional.of(new FileSchema(classifier.classification(), compressionType, columns, "com.ibm.spss.hive.serde2.xml.XmlInputFormat",
                "org.apache.hadoop.hive.ql.io.IgnoreKeyTextOutputFormat", SerDeInfo.of("com.ibm.spss.hive.serde2.xml.XmlSerDe", serdeParameters),
                parameters, "xml:" + rowTag));
    }

    /** What one element holds: its attributes and child elements by name (the reader is at its start), and its text. */
    private record Element(Map<String, String> fields, String text)
    {
        /** The element's type as a field of its parent. */
        String type()
        {
            return fields.isEmpty() ? ValueTypes.of(text) : HiveTypes.struct(fields);
        }
    }

    private static Element element(XMLStreamReader reader)
            throws XMLStreamException
    {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            fields.put(ATTRIBUTE_PREFIX + reader.getAttributeLocalName(i).toLowerCase(Locale.ROOT), ValueTypes.of(reader.getAttributeValue(i)));
        }
        Map<String, Integer> occurrences = new LinkedHashMap<>();
        Map<String, String> children = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName().toLowerCase(Locale.ROOT);
                children.merge(name, element(reader).type(), HiveTypes::merge);
                occurrences.merge(name, 1, Integer::sum);
            }
            else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        children.forEach((name, type) -> fields.put(name, occurrences.get(name) > 1 ? "array<" + type + ">" : type));
        return new Element(fields, text.toString().trim());
    }

    /** Rows disagree on whether an element repeats: then it is an array of what both hold. */
    private static String merge(String a, String b)
    {
        boolean arrayA = a.startsWith("array<");
        boolean arrayB = b.startsWith("array<");
        if (arrayA != arrayB && !a.equals(HiveTypes.UNKNOWN) && !b.equals(HiveTypes.UNKNOWN)) {
            return HiveTypes.merge(arrayA ? a : "array<" + a + ">", arrayB ? b : "array<" + b + ">");
        }
        return HiveTypes.merge(a, b);
    }

    private static XMLInputFactory factory()
    {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // a crawled file must not make the crawler read other files or expand entities
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
