package dev.teamcredits.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server: the one {@link Settings#POSTGRES_URL} names, or else an embedded
 * PostgreSQL 17 (zonky binaries) whose data lives in a folder of ours. The embedded one can be
 * stopped and started again on the same port and data, for outage tests.
 */
public final class PostgresServer implements AutoCloseable {

    /** Null for an external server. */
    private final Path dataDir;
    private EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private PostgresServer(Path dataDir, EmbeddedPostgres embedded, String host, int port, String user,
            String password) {
        this.dataDir = dataDir;
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * The configured external server, or an embedded one on {@code port} (0 = any) keeping its data in
     * {@code dataDir}; {@code fresh} wipes that data first.
     */
    public static PostgresServer startOrConnect(Path dataDir, int port, boolean fresh) {
        var external = Settings.get(Settings.POSTGRES_URL);
        if (external.isPresent()) {
            URI uri = URI.create(external.get().replaceFirst("^jdbc:", ""));
            return new PostgresServer(null, null, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    Settings.get(Settings.POSTGRES_USER).orElse("postgres"),
                    Settings.get(Settings.POSTGRES_PASSWORD).orElse(""));
        }
        if (fresh) {
            Dirs.deleteTree(dataDir);
        }
        EmbeddedPostgres pg = startEmbedded(dataDir, port == 0 ? Ports.free() : port);
        return new PostgresServer(dataDir, pg, Ports.LOOPBACK, pg.getPort(), "postgres", "postgres");
    }

    private static EmbeddedPostgres startEmbedded(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
            // An existing data directory is started as it is (zonky runs initdb only without postgresql.conf).
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // zonky's "clean" also deletes the data on close; we wipe before start instead.
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    // Four services with connection pools, plus benchmarks and tests.
                    .setServerConfig("max_connections", "300")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Stops the embedded server (pg_ctl fast shutdown: open sessions are ended, their transactions
     * rolled back); {@link #start()} brings it back on the same port with the same data.
     */
    public synchronized void stop() {
        requireEmbedded();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            embedded = null;
        }
    }

    /** Starts the embedded server again after {@link #stop()}; waits until it accepts connections. */
    public synchronized void start() {
        requireEmbedded();
        if (embedded == null) {
            embedded = startEmbedded(dataDir, port);
        }
    }

    private void requireEmbedded() {
        if (dataDir == null) {
            throw new IllegalStateException("An external PostgreSQL is not ours to stop or start");
        }
    }

    public boolean isEmbedded() {
        return dataDir != null;
    }

    /** Creates {@code name} unless it exists, and says how to reach it. */
    public Database database(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + host + ":" + port, e);
        }
        return new Database(name, jdbcUrl(name), "postgresql://" + host + ":" + port + "/" + name, user, password);
    }

    /** Drops {@code name}, closing its connections; used for per-run test databases on shared servers. */
    public void dropDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement drop = c.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** How a service reaches its own database: JDBC for Flyway, the reactive URL for the app. */
    public record Database(String name, String jdbcUrl, String reactiveUrl, String user, String password) {
    }
}
