package dev.tarn.s3;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.dataformat.xml.JacksonXmlAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ResponseBody;
import dev.tarn.spi.http.ServiceResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * S3's XML bodies, read and written with Jackson from annotated records (see the {@code xml}
 * package). Unreadable input is MalformedXML, never a server error.
 */
public final class S3Xml
{
    public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    /** Request bodies S3 parses (tagging, delete lists, complete-upload lists) are small; cap them. */
    private static final int MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

    private final XmlMapper mapper;

    public S3Xml()
    {
        this.mapper = XmlMapper.builder()
                .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_ABSENT)
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .annotationIntrospector(new S3NamespaceIntrospector())
                .build();
    }

    /**
     * Puts every element in S3's namespace unless annotated otherwise, so a document carries one
     * {@code xmlns} on its root element, as S3's do, instead of {@code xmlns=""} on nested ones.
     */
    private static final class S3NamespaceIntrospector
            extends JacksonXmlAnnotationIntrospector
    {
        @Override
        public String findNamespace(MapperConfig<?> config, Annotated annotated)
        {
            String namespace = super.findNamespace(config, annotated);
            return namespace == null || namespace.isEmpty() ? NAMESPACE : namespace;
        }
    }

    public ServiceResponse response(int status, Headers headers, Object document)
    {
        try {
            return ServiceResponse.of(status, headers, ResponseBody.bytes(mapper.writeValueAsBytes(document), "application/xml"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document as S3 would send it, for storing (a configuration kept as its XML). */
    public byte[] bytes(Object document)
    {
        try {
            return mapper.writeValueAsBytes(document);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServiceResponse ok(Object document)
    {
        return response(200, Headers.empty(), document);
    }

    public <T> T read(InputStream body, Class<T> type)
    {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_DOCUMENT_BYTES + 1);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw S3Errors.MALFORMED_XML.exception("The XML you provided was too large.");
        }
        return read(bytes, type);
    }

    public <T> T read(byte[] bytes, Class<T> type)
    {
        if (bytes.length == 0) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        try {
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw S3Errors.MALFORMED_XML.exception();
            }
            return value;
        }
        catch (AwsException e) {
            throw e;
        }
        catch (IOException | RuntimeException e) {
            throw S3Errors.MALFORMED_XML.exception();
        }
    }
}
