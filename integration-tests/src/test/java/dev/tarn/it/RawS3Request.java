package dev.tarn.it;

import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A SigV4-signed S3 request sent over a plain socket, for what SDKs refuse to send: malformed
 * documents and bodies cut short of their Content-Length.
 */
public final class RawS3Request
{
    private RawS3Request() {}

    public record Response(int status, String head, String body) {}

    /**
     * Signs {@code method path?query} with {@code body} as its payload (hex SHA-256) and sends
     * only the first {@code sentBytes} bytes of it before closing the output side.
     */
    public static Response send(TestServer server, String method, String pathAndQuery, byte[] body, int sentBytes)
    {
        byte[] sent = new byte[sentBytes];
        System.arraycopy(body, 0, sent, 0, sentBytes);
        return sendAltered(server, method, pathAndQuery, body, sent);
    }

    /** Signs for {@code signedBody} (and its length) but sends {@code sentBody}. */
    public static Response sendAltered(TestServer server, String method, String pathAndQuery, byte[] body, byte[] sentBody)
    {
        URI uri = URI.create(server.endpoint() + pathAndQuery);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(uri)
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        AwsCredentialsIdentity identity = server.credentials().resolveCredentials();
        SignedRequest signed = AwsV4HttpSigner.create().sign(signing -> signing
                .identity(identity)
                .request(request)
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, TestServer.REGION.id())
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));

        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(signed.request().encodedPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    .append(" HTTP/1.1\r\n");
            for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
                for (String value : header.getValue()) {
                    head.append(header.getKey()).append(": ").append(value).append("\r\n");
                }
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(sentBody);
            out.flush();
            socket.shutdownOutput();
            return parse(socket.getInputStream());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(InputStream in)
            throws IOException
    {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        int status = Integer.parseInt(head.substring(9, 12));
        return new Response(status, head, body);
    }
}
