package io.director.daemon.metrics;

import io.director.config.model.Endpoint;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Serves {@link DirectorMetrics} over HTTP for Prometheus (GET /metrics) on the admin.metrics endpoint. */
public final class MetricsServer implements AutoCloseable {
    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /** Listens on {@code endpoint} (port 0 picks a free port; see {@link #port()}). */
    public static MetricsServer start(InetSocketAddress endpoint, DirectorMetrics metrics) throws IOException {
        try {
            return new MetricsServer(HTTPServer.builder().inetAddress(endpoint.getAddress()).port(endpoint.getPort())
                    .registry(metrics.registry()).buildAndStart());
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + endpoint.getAddress().getHostAddress() + ":"
                    + endpoint.getPort() + ": " + e.getMessage(), e);
        }
    }

    /** Listens on the configuration's {@code admin.metrics} endpoint. */
    public static MetricsServer start(Endpoint endpoint, DirectorMetrics metrics) throws IOException {
        return start(new InetSocketAddress(endpoint.address(), endpoint.port()), metrics);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
