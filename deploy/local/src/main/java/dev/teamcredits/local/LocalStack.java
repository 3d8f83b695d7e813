package dev.teamcredits.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The whole system on one machine: PostgreSQL, Kafka, Keycloak and the four services as separate
 * processes, with all data in one folder. {@code start} runs in the foreground until Ctrl-C;
 * {@code stop} ends a running stack from another terminal.
 *
 * <pre>
 * java -cp "deploy/local/target/local-stack.jar:deploy/local/target/lib/*" dev.teamcredits.local.LocalStack \
 *     start [--fresh] [--data DIR] [--root DIR]    (or: stop [--data DIR])
 * </pre>
 */
public final class LocalStack {

    /** A service of ours: its Maven module, HTTP port and database. */
    public record Service(String name, int port, String database) {
    }

    public static final List<Service> SERVICES = List.of(
            new Service("team-service", 8081, "team"),
            new Service("ledger-service", 8082, "ledger"),
            new Service("usage-service", 8083, "usage"),
            new Service("notification-service", 8084, "notification"));
    public static final int POSTGRES_PORT = 15432;
    public static final int KAFKA_PORT = 19092;
    public static final int KEYCLOAK_PORT = 8180;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Path root;
    private final Path data;
    private final long startedAt = System.nanoTime();
    private final List<ChildProcess> services = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;

    private LocalStack(Path root, Path data) {
        this.root = root;
        this.data = data;
    }

    public static void main(String[] args) {
        String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "start";
        Path root = Path.of(option(args, "--root").orElse(".")).toAbsolutePath().normalize();
        Path data = Path.of(option(args, "--data").orElse(root.resolve(".local-stack").toString()))
                .toAbsolutePath().normalize();
        boolean fresh = List.of(args).contains("--fresh");
        LocalStack stack = new LocalStack(root, data);
        try {
            switch (command) {
                case "start" -> stack.start(fresh);
                case "stop" -> stack.stopRunning();
                default -> {
                    System.err.println("usage: local-stack [start [--fresh]|stop] [--data DIR] [--root DIR]");
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("✗ " + e.getMessage());
            System.exit(1);
        }
    }

    private static Optional<String> option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }

    private Path pidFile() {
        return data.resolve("local-stack.pid");
    }

    private Path childPidsFile() {
        return data.resolve("children.pids");
    }

    private void start(boolean fresh) {
        Optional<ProcessHandle> running = runningLauncher();
        if (running.isPresent()) {
            throw new IllegalStateException("A local stack is already running (pid " + running.get().pid()
                    + "); stop it with ./run-local stop");
        }
        for (Service s : SERVICES) {
            if (!Files.exists(serviceJar(s))) {
                throw new IllegalStateException(serviceJar(s) + " is missing; build first: ./mvnw -DskipTests package");
            }
        }
        checkPortsFree();
        if (fresh) {
            step("Deleting " + data + " (--fresh)");
            Dirs.deleteTree(data);
        }
        try {
            Files.createDirectories(data.resolve("logs"));
            Files.writeString(pidFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println();
            step("Stopping everything this stack started…");
            stopAll();
            stopped.countDown();
            System.out.println("  stopped; data kept in " + data);
        }, "local-stack-stop"));

        System.out.println("Team Credits local stack — data in " + data);
        String oidcUrl;
        Optional<String> externalOidc = Settings.get(Settings.OIDC_URL);
        if (externalOidc.isEmpty()) {
            step("Starting Keycloak on :" + KEYCLOAK_PORT + " (first start builds it, ~35 s)");
            keycloak = KeycloakServer.start(data.resolve("keycloak"), root.resolve(KeycloakServer.REALM_FILE),
                    KEYCLOAK_PORT, false);
            oidcUrl = keycloak.realmUrl();
        } else {
            oidcUrl = externalOidc.get();
        }
        step("Starting PostgreSQL");
        postgres = PostgresServer.startOrConnect(data.resolve("postgres"), POSTGRES_PORT, false);
        Map<String, PostgresServer.Database> databases = new LinkedHashMap<>();
        for (Service s : SERVICES) {
            databases.put(s.name(), postgres.database(s.database()));
        }
        done("PostgreSQL on 127.0.0.1:" + postgres.port() + " — databases "
                + SERVICES.stream().map(Service::database).collect(Collectors.joining(", ")));
        step("Starting Kafka");
        kafka = KafkaBroker.startOrConnect(data.resolve("kafka"), KAFKA_PORT, false);
        done("Kafka on " + kafka.bootstrapServers());
        writeChildPids();
        if (keycloak != null) {
            step("Waiting for Keycloak");
            keycloak.awaitReady(READY_TIMEOUT);
            done("Keycloak on " + keycloak.baseUrl() + " — realm " + KeycloakServer.REALM);
        }
        step("Starting the four services");
        for (Service s : SERVICES) {
            services.add(startService(s, databases.get(s.name()), oidcUrl));
        }
        writeChildPids();
        awaitServicesReady();
        printSummary(oidcUrl);
        writeChildPids();
        watchServices(stopped);
    }

    private ChildProcess startService(Service s, PostgresServer.Database db, String oidcUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(s.port()));
        env.put("QUARKUS_DATASOURCE_USERNAME", db.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", oidcUrl);
        List<String> command = List.of(ChildProcess.javaBinary(), "-Xms64m", "-Xmx384m", "-jar",
                serviceJar(s).toString());
        return ChildProcess.start(s.name(), command, env, root.resolve(s.name()),
                data.resolve("logs").resolve(s.name() + ".log"));
    }

    private Path serviceJar(Service s) {
        return root.resolve(s.name()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private void awaitServicesReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<Service> waiting = new ArrayList<>(SERVICES);
        long lastReport = 0;
        while (!waiting.isEmpty()) {
            for (int i = 0; i < SERVICES.size(); i++) {
                Service s = SERVICES.get(i);
                ChildProcess p = services.get(i);
                if (!waiting.contains(s)) {
                    continue;
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException(s.name() + " exited; its log (" + p.log() + ") ends with:\n"
                            + p.logTail(30));
                }
                if (isReady(http, s)) {
                    waiting.remove(s);
                    done(s.name() + " ready on http://127.0.0.1:" + s.port());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready after " + READY_TIMEOUT.toSeconds() + " s: "
                        + waiting.stream().map(Service::name).collect(Collectors.joining(", "))
                        + "; logs in " + data.resolve("logs"));
            }
            if (!waiting.isEmpty() && System.nanoTime() - lastReport > Duration.ofSeconds(5).toNanos()) {
                lastReport = System.nanoTime();
                System.out.println("  … waiting for " + waiting.stream().map(Service::name)
                        .collect(Collectors.joining(", ")) + " (" + elapsed() + ")");
            }
            sleep(500);
        }
    }

    private static boolean isReady(HttpClient http, Service s) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void printSummary(String oidcUrl) {
        String tokenUrl = oidcUrl + "/protocol/openid-connect/token";
        System.out.println();
        System.out.println("✓ All four services are healthy after " + elapsed() + ".");
        System.out.println();
        for (Service s : SERVICES) {
            System.out.printf("  %-21s http://127.0.0.1:%d   (Swagger UI: /q/swagger-ui, health: /q/health)%n",
                    s.name(), s.port());
        }
        System.out.println("  PostgreSQL            127.0.0.1:" + postgres.port() + "  user postgres / postgres");
        System.out.println("  Kafka                 " + kafka.bootstrapServers());
        System.out.println("  OIDC realm            " + oidcUrl
                + (keycloak != null ? "   (admin console: " + keycloak.baseUrl() + "/admin, admin / admin)" : ""));
        System.out.println("  Logs                  " + data.resolve("logs"));
        System.out.println();
        System.out.println("Token for the sample admin (ada@acme.example):");
        System.out.println();
        System.out.println("  TOKEN=$(curl -s -d grant_type=password -d client_id=team-credits-web -d username=ada "
                + "-d password=ada " + tokenUrl + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
        System.out.println("  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8081/v1/whoami");
        System.out.println();
        System.out.println("Ctrl-C (or ./run-local stop) stops everything.");
    }

    private void watchServices(CountDownLatch stopped) {
        boolean[] reported = new boolean[services.size()];
        while (stopped.getCount() > 0) {
            for (int i = 0; i < services.size(); i++) {
                if (!reported[i] && !services.get(i).isAlive() && !stopping.get()) {
                    reported[i] = true;
                    System.err.println("! " + services.get(i).name() + " exited; see " + services.get(i).log());
                }
            }
            sleep(1000);
        }
    }

    private synchronized void stopAll() {
        services.forEach(ChildProcess::stop);
        if (keycloak != null) {
            keycloak.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try {
            Files.deleteIfExists(childPidsFile());
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // Best effort: a stale pid file is detected as such next time.
        }
    }

    /** Records every process we started, so {@code stop} can clean up even after a kill -9 of the launcher. */
    private void writeChildPids() {
        List<Long> pids = new ArrayList<>();
        services.forEach(p -> pids.add(p.pid()));
        if (keycloak != null) {
            pids.add(keycloak.process().pid());
        }
        if (kafka != null && kafka.isEmbedded()) {
            pids.add(kafka.process().pid());
        }
        postmasterPid().ifPresent(pids::add);
        try {
            Files.writeString(childPidsFile(), pids.stream().map(String::valueOf).collect(Collectors.joining("\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Long> postmasterPid() {
        Path file = data.resolve("postgres/postmaster.pid");
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readAllLines(file).get(0).trim()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<ProcessHandle> runningLauncher() {
        try {
            if (!Files.exists(pidFile())) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void stopRunning() {
        Optional<ProcessHandle> launcher = runningLauncher();
        if (launcher.isPresent()) {
            step("Stopping the local stack (pid " + launcher.get().pid() + ")");
            launcher.get().destroy();
            Ports.await(Duration.ofSeconds(90), () -> !launcher.get().isAlive());
        }
        // Whatever outlived its launcher (say, after kill -9) is stopped here.
        List<ProcessHandle> leftovers = new ArrayList<>();
        try {
            if (Files.exists(childPidsFile())) {
                for (String line : Files.readAllLines(childPidsFile())) {
                    ProcessHandle.of(Long.parseLong(line.trim())).filter(ProcessHandle::isAlive)
                            .ifPresent(leftovers::add);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Could not read " + childPidsFile(), e);
        }
        leftovers.forEach(ProcessHandle::destroy);
        Ports.await(Duration.ofSeconds(30), () -> leftovers.stream().noneMatch(ProcessHandle::isAlive));
        leftovers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            Files.deleteIfExists(childPidsFile());
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        done(launcher.isEmpty() && leftovers.isEmpty() ? "Nothing was running" : "Stopped");
    }

    private void checkPortsFree() {
        List<Integer> ports = new ArrayList<>(SERVICES.stream().map(Service::port).toList());
        if (Settings.get(Settings.OIDC_URL).isEmpty()) {
            ports.add(KEYCLOAK_PORT);
        }
        if (Settings.get(Settings.POSTGRES_URL).isEmpty()) {
            ports.add(POSTGRES_PORT);
        }
        if (Settings.get(Settings.KAFKA_BOOTSTRAP_SERVERS).isEmpty()) {
            ports.add(KAFKA_PORT);
        }
        List<Integer> busy = ports.stream().filter(p -> Ports.isOpen(Ports.LOOPBACK, p)).toList();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Ports already in use on 127.0.0.1: " + busy
                    + " — is another stack running? (./run-local stop)");
        }
    }

    private String elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAt).toSeconds() + " s";
    }

    private void step(String what) {
        System.out.println("→ " + what + " [" + elapsed() + "]");
    }

    private void done(String what) {
        System.out.println("  ✓ " + what + " [" + elapsed() + "]");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
