package dev.teamcredits.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Keycloak 26 from its Maven Central distribution, started in dev mode with the committed
 * {@code team-credits} realm imported. The distribution is unpacked once into {@code home};
 * its first start builds it (about 35 s), later starts take about 10 s.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "team-credits";
    /** The committed realm export, relative to the repository root. */
    public static final String REALM_FILE = "deploy/local/keycloak/team-credits-realm.json";
    /** Where tests keep a built distribution between runs (the first start builds it). */
    public static final Path TEST_HOME = Path.of(System.getProperty("user.home"), ".cache", "team-credits",
            "keycloak-test");

    private final Path home;
    private final int port;
    private ChildProcess process;

    private KeycloakServer(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /**
     * Unpacks the distribution into {@code home} if needed, imports {@code realmFile} and starts
     * Keycloak on {@code port} (0 = any), without waiting for it to be ready. {@code freshData}
     * drops users and sessions of earlier runs but keeps the built distribution.
     */
    public static KeycloakServer start(Path home, Path realmFile, int port, boolean freshData) {
        KeycloakServer server = new KeycloakServer(home, port == 0 ? Ports.free() : port);
        server.unpack();
        if (freshData) {
            Dirs.deleteTree(server.distDir().resolve("data/h2"));
        }
        server.launch(realmFile);
        return server;
    }

    /** The OIDC auth-server URL of the realm: what services use as {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String baseUrl() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    public String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    public ChildProcess process() {
        return process;
    }

    private Path distDir() {
        return home.resolve("keycloak");
    }

    private void unpack() {
        Path marker = distDir().resolve("bin/kc.sh");
        if (Files.exists(marker)) {
            return;
        }
        try {
            Path archive = InfraArtifacts.keycloakDistribution();
            Path staging = Files.createDirectories(home).resolve("unpacking");
            Dirs.deleteTree(staging);
            Files.createDirectories(staging);
            Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", staging.toString(),
                    "--strip-components=1").inheritIO().start();
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("Could not unpack " + archive);
            }
            Files.move(staging, distDir(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch(Path realmFile) {
        try {
            Path imports = Files.createDirectories(distDir().resolve("data/import"));
            Files.copy(realmFile, imports.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(distDir().resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=" + Ports.LOOPBACK,
                "--http-port=" + port,
                // A fixed hostname keeps the token issuer equal to the URL the services are given.
                "--hostname=" + baseUrl(),
                "--http-management-port=" + Ports.free(),
                "--import-realm",
                "--cache=local",
                "--log-level=WARN,org.keycloak.services:INFO,io.quarkus:INFO");
        Map<String, String> env = Map.of(
                "JAVA_HOME", Path.of(ChildProcess.javaBinary()).getParent().getParent().toString(),
                "JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m",
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        process = ChildProcess.start("keycloak", command, env, distDir(), home.resolve("keycloak.log"));
    }

    /** Waits until the realm's discovery document is served. */
    public void awaitReady(Duration timeout) {
        if (!Ports.await(timeout, () -> !process.isAlive() || isReady())) {
            throw new IllegalStateException("Keycloak not ready after " + timeout + ":\n" + process.logTail(40));
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("Keycloak exited:\n" + process.logTail(40));
        }
    }

    public boolean isReady() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
    }
}
