package dev.tarn.s3.select;

import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Writes SelectObjectContent's events in AWS's {@code application/vnd.amazon.eventstream}
 * framing (prelude, headers, payload, CRCs by the AWS event-stream codec), flushing each so
 * the client sees records as they are produced. Calls may come from two threads (records and the
 * keep-alive), so each event is written whole under the lock.
 */
final class SelectEvents
{
    private final OutputStream out;
    private long lastWrite = System.nanoTime();

    SelectEvents(OutputStream out)
    {
        this.out = requireNonNull(out, "out is null");
    }

    synchronized void records(byte[] payload, int length)
            throws IOException
    {
        byte[] bytes = length == payload.length ? payload : java.util.Arrays.copyOf(payload, length);
        write(event("Records", "application/octet-stream"), bytes);
    }

    synchronized void stats(SelectStats stats)
            throws IOException
    {
        write(event("Stats", "text/xml"), stats.xml("Stats").getBytes(StandardCharsets.UTF_8));
    }

    synchronized void progress(SelectStats stats)
            throws IOException
    {
        write(event("Progress", "text/xml"), stats.xml("Progress").getBytes(StandardCharsets.UTF_8));
    }

    synchronized void continuation()
            throws IOException
    {
        write(event("Cont", null), new byte[0]);
    }

    synchronized void end()
            throws IOException
    {
        write(event("End", null), new byte[0]);
    }

    synchronized void error(String code, String message)
            throws IOException
    {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("error"));
        headers.put(":error-code", HeaderValue.fromString(code));
        headers.put(":error-message", HeaderValue.fromString(message));
        // The headers are AWS's; the XML body repeats them for clients (the Java SDK) that read an error's code from its payload.
        String body = "<Error><Code>" + escape(code) + "</Code><Message>" + escape(message) + "</Message></Error>";
        write(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Nanoseconds since anything was last written. */
    synchronized long idleNanos()
    {
        return System.nanoTime() - lastWrite;
    }

    private static Map<String, HeaderValue> event(String type, String contentType)
    {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(type));
        if (contentType != null) {
            headers.put(":content-type", HeaderValue.fromString(contentType));
        }
        return headers;
    }

    private void write(Map<String, HeaderValue> headers, byte[] payload)
            throws IOException
    {
        new Message(headers, payload).encode(out);
        out.flush();
        lastWrite = System.nanoTime();
    }
}
