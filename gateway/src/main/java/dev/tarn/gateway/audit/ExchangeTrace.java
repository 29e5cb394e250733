package dev.tarn.gateway.audit;

import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.Caller;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the gateway learns about one request as it handles it (who called, which service and
 * operation, how many bytes went each way), gathered into an {@link Exchange} at the end. One
 * per request, used by the request's thread only.
 */
public final class ExchangeTrace
{
    private final String requestId;
    private final String hostId;
    private final Instant receivedAt;
    private final long startNanos;
    private final String remoteIp;
    private final boolean secure;
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Headers headers;
    private final Optional<String> virtualHostBucket;
    private Optional<Caller> caller = Optional.empty();
    private Optional<String> service = Optional.empty();
    private Optional<String> operation = Optional.empty();
    private long bytesReceived;
    private long bytesSent;
    private long responseStartNanos = -1;

    public ExchangeTrace(String requestId, String hostId, Instant receivedAt, String remoteIp, boolean secure, String method, String rawPath,
            String rawQuery, Headers headers, Optional<String> virtualHostBucket)
    {
        this.requestId = requireNonNull(requestId, "requestId is null");
        this.hostId = requireNonNull(hostId, "hostId is null");
        this.receivedAt = requireNonNull(receivedAt, "receivedAt is null");
        this.startNanos = System.nanoTime();
        this.remoteIp = requireNonNull(remoteIp, "remoteIp is null");
        this.secure = secure;
        this.method = requireNonNull(method, "method is null");
        this.rawPath = requireNonNull(rawPath, "rawPath is null");
        this.rawQuery = requireNonNull(rawQuery, "rawQuery is null");
        this.headers = requireNonNull(headers, "headers is null");
        this.virtualHostBucket = requireNonNull(virtualHostBucket, "virtualHostBucket is null");
    }

    /** The service the request went to, once known (also when the caller is then refused). */
    public void service(String signingName)
    {
        this.service = Optional.of(signingName);
    }

    /** Who called, what for, once the signature checked out (or the request was anonymous). */
    public void dispatching(Caller caller, Optional<String> operation)
    {
        this.caller = Optional.of(caller);
        this.operation = requireNonNull(operation, "operation is null");
    }

    /** The operation, when only dispatching could tell it (a query protocol Action in the form body). */
    public void operation(String name)
    {
        this.operation = Optional.of(name);
    }

    /** The request body, counting what is read of it. */
    public InputStream countReceived(InputStream body)
    {
        return new FilterInputStream(body)
        {
            @Override
            public int read()
                    throws IOException
            {
                int value = super.read();
                if (value >= 0) {
                    bytesReceived++;
                }
                return value;
            }

            @Override
            public int read(byte[] buffer, int offset, int length)
                    throws IOException
            {
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    bytesReceived += read;
                }
                return read;
            }

            @Override
            public long skip(long count)
                    throws IOException
            {
                long skipped = super.skip(count);
                bytesReceived += Math.max(0, skipped);
                return skipped;
            }
        };
    }

    /** Marks the start of the response (the turn-around time ends here). */
    public void responding()
    {
        responseStartNanos = System.nanoTime();
    }

    /** The response body stream, counting what is written to it. */
    public OutputStream countSent(OutputStream out)
    {
        return new FilterOutputStream(out)
        {
            @Override
            public void write(int value)
                    throws IOException
            {
                out.write(value);
                bytesSent++;
            }

            @Override
            public void write(byte[] buffer, int offset, int length)
                    throws IOException
            {
                out.write(buffer, offset, length);
                bytesSent += length;
            }
        };
    }

    public Exchange complete(int status, Optional<String> errorCode, Headers responseHeaders)
    {
        long end = System.nanoTime();
        long responseStart = responseStartNanos < 0 ? end : responseStartNanos;
        return new Exchange(requestId, hostId, receivedAt, remoteIp, secure, method, rawPath, rawQuery, headers, virtualHostBucket, caller,
                service, operation, status, errorCode, responseHeaders, bytesReceived, bytesSent, Duration.ofNanos(responseStart - startNanos),
                Duration.ofNanos(end - startNanos));
    }
}
