package dev.tarn.athena.engine.catalog;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One page of a ListObjectsV2 answer: the keys and sizes of its objects, and the token of the
 * next page when it is truncated. Read as a stream (a DOM of the page cost more than the
 * listing itself).
 */
record ListingPage(List<Entry> contents, Optional<String> nextToken)
{
    /** Configured once: no DTDs, no external entities. Factories are safe to share once configured. */
    private static final XMLInputFactory XML = secureFactory();

    record Entry(String key, long size)
    {
        Entry
        {
            requireNonNull(key, "key is null");
        }
    }

    ListingPage
    {
        contents = List.copyOf(contents);
        requireNonNull(nextToken, "nextToken is null");
    }

    static ListingPage parse(String xml)
    {
        List<Entry> contents = new ArrayList<>();
        boolean truncated = false;
        Optional<String> token = Optional.empty();
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new StringReader(xml));
            try {
                // depth 1 is ListBucketResult, 2 its members, 3 the members of a Contents
                int depth = 0;
                Optional<String> key = Optional.empty();
                long size = 0;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.END_ELEMENT) {
                        if (depth == 2 && reader.getLocalName().equals("Contents")) {
                            contents.add(new Entry(key.orElseThrow(() -> new IllegalStateException("Unreadable S3 listing: a Contents without a Key")), size));
                            key = Optional.empty();
                            size = 0;
                        }
                        depth--;
                        continue;
                    }
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    depth++;
                    String name = reader.getLocalName();
                    if (depth == 2 && name.equals("IsTruncated")) {
                        truncated = Boolean.parseBoolean(reader.getElementText().strip());
                        depth--;
                    }
                    else if (depth == 2 && name.equals("NextContinuationToken")) {
                        token = Optional.of(reader.getElementText());
                        depth--;
                    }
                    else if (depth == 3 && name.equals("Key")) {
                        key = Optional.of(reader.getElementText());
                        depth--;
                    }
                    else if (depth == 3 && name.equals("Size")) {
                        size = Long.parseLong(reader.getElementText().strip());
                        depth--;
                    }
                }
            }
            finally {
                reader.close();
            }
        }
        catch (XMLStreamException | NumberFormatException e) {
            throw new IllegalStateException("Unreadable S3 listing", e);
        }
        return new ListingPage(contents, truncated ? token : Optional.empty());
    }

    private static XMLInputFactory secureFactory()
    {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
