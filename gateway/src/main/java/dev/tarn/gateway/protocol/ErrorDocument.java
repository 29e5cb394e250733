package dev.tarn.gateway.protocol;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ResponseBody;
import dev.tarn.spi.http.ServiceResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Encodes an {@link AwsException} as each wire protocol's error document, so that SDKs parse the
 * code and message exactly as they do from AWS.
 */
public final class ErrorDocument
{
    private ErrorDocument() {}

    /**
     * An error document's body, which remembers the error code it carries so the gateway can
     * log it without parsing the body (services build error answers only through this class).
     */
    public record Body(String errorCode, ResponseBody document)
            implements ResponseBody
    {
        @Override
        public OptionalLong length()
        {
            return document.length();
        }

        @Override
        public String contentType()
        {
            return document.contentType();
        }

        @Override
        public void writeTo(OutputStream out)
                throws IOException
        {
            document.writeTo(out);
        }
    }

    /** The AWS error code of an answer built here, empty for any other answer. */
    public static Optional<String> errorCode(ServiceResponse response)
    {
        return response.body().filter(Body.class::isInstance).map(body -> ((Body) body).errorCode());
    }

    /** S3's {@code <Error>} document; extra details (BucketName, Key, ...) follow Message. */
    public static ServiceResponse restXml(AwsException error, String requestId, String hostId)
    {
        StringBuilder xml = new StringBuilder(256)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>")
                .append(Xml.escape(error.code()))
                .append("</Code><Message>")
                .append(Xml.escape(error.getMessage()))
                .append("</Message>");
        for (Map.Entry<String, String> detail : error.details().entrySet()) {
            xml.append('<').append(detail.getKey()).append('>')
                    .append(Xml.escape(detail.getValue()))
                    .append("</").append(detail.getKey()).append('>');
        }
        xml.append("<RequestId>").append(Xml.escape(requestId)).append("</RequestId>")
                .append("<HostId>").append(Xml.escape(hostId)).append("</HostId></Error>");
        return ServiceResponse.of(error.httpStatus(), Headers.empty(), body(error, ResponseBody.text(xml.toString(), "application/xml")));
    }

    /** The query protocol's {@code <ErrorResponse>} (IAM, STS, CloudFormation). */
    public static ServiceResponse query(AwsException error, String requestId, String xmlNamespace)
    {
        String xml = "<ErrorResponse xmlns=\"" + Xml.escape(xmlNamespace) + "\"><Error><Type>"
                + (error.error().isClientError() ? "Sender" : "Receiver")
                + "</Type><Code>" + Xml.escape(error.code()) + "</Code><Message>" + Xml.escape(error.getMessage())
                + "</Message></Error><RequestId>" + Xml.escape(requestId) + "</RequestId></ErrorResponse>";
        return ServiceResponse.of(error.httpStatus(), Headers.empty(), body(error, ResponseBody.text(xml, "text/xml")));
    }

    /**
     * The JSON protocol's {@code {"__type": ..., "message": ...}} with x-amzn-ErrorType; the
     * error's details become further members (Athena's {@code AthenaErrorCode}).
     */
    public static ServiceResponse json(AwsException error, String contentType)
    {
        StringBuilder members = new StringBuilder();
        error.details().forEach((name, value) -> members.append(",\"").append(Json.escape(name)).append("\":\"").append(Json.escape(value)).append('"'));
        String json = "{\"__type\":\"" + Json.escape(error.code()) + "\",\"message\":\"" + Json.escape(error.getMessage()) + "\"" + members + "}";
        Headers headers = Headers.builder().set("x-amzn-ErrorType", error.code()).build();
        return ServiceResponse.of(error.httpStatus(), headers, body(error, ResponseBody.text(json, contentType)));
    }

    private static ResponseBody body(AwsException error, ResponseBody document)
    {
        return new Body(error.code(), document);
    }
}
