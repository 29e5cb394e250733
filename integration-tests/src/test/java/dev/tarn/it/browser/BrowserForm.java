package dev.tarn.it.browser;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A multipart/form-data body as a browser sends an HTML form: the fields in order, then the
 * file part (with its filename and type), CRLF line ends and a random boundary.
 */
public final class BrowserForm
{
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<String[]> trailingFields = new ArrayList<>();
    private final String boundary = "----TarnFormBoundary" + UUID.randomUUID().toString().replace("-", "");

    public BrowserForm(Map<String, String> fields)
    {
        this.fields.putAll(fields);
    }

    public BrowserForm set(String name, String value)
    {
        fields.put(name, value);
        return this;
    }

    BrowserForm remove(String name)
    {
        fields.remove(name);
        return this;
    }

    /** A field after the file, which S3 ignores. */
    BrowserForm after(String name, String value)
    {
        trailingFields.add(new String[] {name, value});
        return this;
    }

    String contentType()
    {
        return "multipart/form-data; boundary=" + boundary;
    }

    public HttpRequest request(URI url, Optional<String> fileName, byte[] file)
    {
        return HttpRequest.newBuilder(url)
                .header("Content-Type", contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(fileName, file)))
                .build();
    }

    byte[] body(Optional<String> fileName, byte[] file)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> field(out, name, value));
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\""
                + fileName.map(name -> "; filename=\"" + name + "\"").orElse("") + "\r\nContent-Type: application/octet-stream\r\n\r\n");
        out.writeBytes(file);
        write(out, "\r\n");
        trailingFields.forEach(field -> field(out, field[0], field[1]));
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private void field(ByteArrayOutputStream out, String name, String value)
    {
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String text)
    {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
