package dev.teamcredits.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Lets a test stop and restart the Kafka broker and the PostgreSQL server that {@link ServiceTestInfra}
 * started, to show that an outage loses nothing. The broker is driven through a loopback HTTP endpoint whose URL is in
 * the system property {@value #URL_PROPERTY}: Quarkus may load the test resource and the test in
 * different class loaders, and a URL is something both can share.
 */
public final class InfraControl implements AutoCloseable {

    static final String URL_PROPERTY = "teamcredits.test.infra-control-url";

    private final HttpServer server;

    private InfraControl(HttpServer server) {
        this.server = server;
    }

    /**
     * Serves {@code POST /kafka/stop} and {@code POST /kafka/start} for {@code broker}, and the same under
     * {@code /postgres/} for {@code postgres} unless it is null (an external server is not ours to stop).
     */
    static InfraControl serve(KafkaBroker broker, PostgresServer postgres) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, 0), 0);
            control(server, "/kafka/", broker::stop, broker::start);
            if (postgres != null) {
                control(server, "/postgres/", postgres::stop, postgres::start);
            }
            server.start();
            System.setProperty(URL_PROPERTY, "http://" + Ports.LOOPBACK + ":" + server.getAddress().getPort());
            return new InfraControl(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void control(HttpServer server, String prefix, Runnable stop, Runnable start) {
        server.createContext(prefix, exchange -> {
            try (exchange) {
                String action = exchange.getRequestURI().getPath().substring(prefix.length());
                int status = 204;
                try {
                    switch (action) {
                        case "stop" -> stop.run();
                        case "start" -> start.run();
                        default -> status = 404;
                    }
                } catch (RuntimeException e) {
                    status = 500;
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
    }

    /** Stops the broker gracefully; its data and port are kept for {@link #startKafka()}. */
    public static void stopKafka() {
        call("/kafka/stop");
    }

    /** Starts the broker again and waits until it serves clients. */
    public static void startKafka() {
        call("/kafka/start");
    }

    /** Stops PostgreSQL (fast shutdown: sessions end, open transactions roll back); data and port are kept. */
    public static void stopPostgres() {
        call("/postgres/stop");
    }

    /** Starts PostgreSQL again on the same port and data and waits until it accepts connections. */
    public static void startPostgres() {
        call("/postgres/start");
    }

    private static void call(String path) {
        String base = System.getProperty(URL_PROPERTY);
        if (base == null) {
            throw new IllegalStateException("No embedded infrastructure to control (external Kafka configured?)");
        }
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 204) {
                throw new IllegalStateException(path + " failed: " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        System.clearProperty(URL_PROPERTY);
    }
}
