package dev.tarn.gateway;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;

import static java.util.Objects.requireNonNull;

/** The HTTP listener: Jetty configured for what S3 clients send. */
public final class GatewayServer
        implements AutoCloseable
{
    private final Server server;
    private final ServerConnector connector;

    public GatewayServer(GatewayConfig config, GatewayHandler handler)
    {
        requireNonNull(config, "config is null");
        requireNonNull(handler, "handler is null");
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("tarn-http");
        server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        // S3 keys may hold anything: encoded slashes, "..", empty segments. The raw path is used
        // as sent, so Jetty must not reject or normalize it.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        // Up to 2 KiB of user metadata plus signing headers; be generous like S3 (8 KiB + headers).
        http.setRequestHeaderSize(64 * 1024);
        http.setResponseHeaderSize(64 * 1024);
        // Header values are signed byte for byte: Jetty's parser cache must not hand back a
        // cached field whose value differs in case ("charset=UTF-8" vs "charset=utf-8").
        http.setHeaderCacheCaseSensitive(true);

        connector = new ServerConnector(server, 1, -1, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(120_000);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopTimeout(5_000);
    }

    public void start()
            throws Exception
    {
        server.start();
    }

    public int port()
    {
        return connector.getLocalPort();
    }

    public URI endpoint()
    {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    public void join()
            throws InterruptedException
    {
        server.join();
    }

    @Override
    public void close()
            throws Exception
    {
        server.stop();
    }
}
