package dev.teamcredits.local;

import java.io.IOException;
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
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The whole system as separate processes: PostgreSQL, Kafka, Keycloak, an SMTP sink, the four
 * packaged services ({@code <service>/target/quarkus-app/quarkus-run.jar}) and, in the billing
 * backend's place, the billing sandbox ({@code billing-sandbox/…}), which settles top-up requests.
 * {@code ./run-local} starts it on fixed ports ({@link Layout#fixed()}); the system tests start the
 * same thing on free ports and control single parts of it: kill -9 or restart a service, stop and
 * start Kafka.
 */
public final class ProcessStack implements AutoCloseable {

    /**
     * A process of the stack: its Maven module, the port it has under {@code ./run-local}, and its database (null
     * for the billing sandbox, which has none).
     */
    public record Service(String name, int port, String database) {
    }

    public static final List<Service> SERVICES = List.of(
            new Service("team-service", 8081, "team"),
            new Service("ledger-service", 8082, "ledger"),
            new Service("usage-service", 8083, "usage"),
            new Service("notification-service", 8084, "notification"));
    /**
     * The billing backend's stand-in: not one of our services (it has no database and is never deployed to
     * production), so it is not in {@link #SERVICES} nor {@link #services()}.
     */
    public static final Service BILLING_SANDBOX = new Service("billing-sandbox", 8089, null);
    /** What the stack's sandbox is told, so that {@link #sandboxRules()} says what it does. */
    public static final Duration SANDBOX_DELAY = Duration.ofSeconds(1);
    public static final long SANDBOX_DECLINE_ABOVE = 100_000;
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Ports to use; 0 means any free port. */
    public record Layout(boolean fixedServicePorts, int postgres, int kafka, int keycloak, int smtp) {

        /** The documented local-stack ports (8081–8084, 15432, 19092, 8180, SMTP 1025). */
        public static Layout fixed() {
            return new Layout(true, RunLocal.POSTGRES_PORT, RunLocal.KAFKA_PORT, RunLocal.KEYCLOAK_PORT,
                    RunLocal.SMTP_PORT);
        }

        /** Free ports everywhere, so a running {@code ./run-local} does not clash. */
        public static Layout free() {
            return new Layout(false, 0, 0, 0, 0);
        }
    }

    /**
     * Where things are: {@code root} the repository (service jars, realm file), {@code data} the
     * PostgreSQL and Kafka data, {@code logs} one log per service, {@code keycloakHome} the unpacked
     * distribution (its first start builds it, so tests share one between runs). {@code ownDatabases}:
     * on an external PostgreSQL, use {@code <database>_systest_<random>} and drop them on close, so
     * tests never touch a running system's data.
     */
    public record Options(Path root, Path data, Path logs, Path keycloakHome, boolean freshData, Layout layout,
            List<String> serviceJvmOptions, boolean ownDatabases) {
    }

    private final Options options;
    private final Consumer<String> progress;
    private final Map<String, RunningService> services = new LinkedHashMap<>();
    /** Extra instances of a service ({@link #startReplica}), on the same database and Kafka group. */
    private final List<RunningService> replicas = new ArrayList<>();
    private RunningService sandbox;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;
    private SmtpServer smtp;
    private String oidcUrl;
    private final String runId = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    /** {@code progress} hears one line per step (the launcher prints them; tests may log them). */
    public ProcessStack(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Checks the service and sandbox jars exist, so a missing build fails before anything starts. */
    public void checkBuilt() {
        List<Service> all = new ArrayList<>(SERVICES);
        all.add(BILLING_SANDBOX);
        for (Service s : all) {
            if (!Files.exists(serviceJar(s))) {
                throw new IllegalStateException(serviceJar(s) + " is missing; build first: ./mvnw -DskipTests install");
            }
        }
    }

    /** PostgreSQL (one database per service), Kafka, the SMTP sink and Keycloak (unless an external OIDC URL). */
    public void startInfrastructure() {
        Layout layout = options.layout();
        var externalOidc = Settings.get(Settings.OIDC_URL);
        if (externalOidc.isEmpty()) {
            progress.accept("Starting Keycloak (first start builds it, ~35 s)");
            keycloak = KeycloakServer.start(options.keycloakHome(), options.root().resolve(KeycloakServer.REALM_FILE),
                    layout.keycloak(), options.freshData());
            oidcUrl = keycloak.realmUrl();
        } else {
            oidcUrl = externalOidc.get();
        }
        progress.accept("Starting PostgreSQL");
        postgres = PostgresServer.startOrConnect(options.data().resolve("postgres"), layout.postgres(),
                options.freshData());
        SERVICES.forEach(s -> postgres.database(databaseName(s)));
        progress.accept("Starting Kafka");
        kafka = KafkaBroker.startOrConnect(options.data().resolve("kafka"), layout.kafka(), options.freshData());
        progress.accept("Starting the SMTP sink");
        smtp = SmtpServer.startOrConnect(layout.smtp());
        if (keycloak != null) {
            progress.accept("Waiting for Keycloak");
            keycloak.awaitReady(READY_TIMEOUT);
        }
    }

    /** Starts the four services, then the billing sandbox (it calls the ledger), and waits until each is ready. */
    public void startServices() {
        checkBuilt();
        progress.accept("Starting the four services");
        for (Service s : SERVICES) {
            int port = options.layout().fixedServicePorts() ? s.port() : Ports.free();
            RunningService service = new RunningService(s, 1, port, serviceEnv(s, port));
            services.put(s.name(), service);
            service.start();
        }
        awaitReady(List.copyOf(services.values()));
        progress.accept("Starting the billing sandbox");
        int port = options.layout().fixedServicePorts() ? BILLING_SANDBOX.port() : Ports.free();
        sandbox = new RunningService(BILLING_SANDBOX, 1, port, sandboxEnv(port));
        sandbox.start();
        awaitReady(List.of(sandbox));
    }

    /**
     * The sandbox takes the billing backend's client credentials (its defaults are the realm's
     * {@code billing-backend}) from this stack's OIDC realm and calls this stack's ledger.
     */
    private Map<String, String> sandboxEnv(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", oidcUrl);
        env.put("QUARKUS_REST_CLIENT_LEDGER_URL", service("ledger-service").baseUrl());
        env.put("SANDBOX_DELAY", SANDBOX_DELAY.toMillis() + "ms");
        env.put("SANDBOX_DECLINE_ABOVE", Long.toString(SANDBOX_DECLINE_ABOVE));
        return env;
    }

    /** What the stack's billing sandbox does, in a line. */
    public static String sandboxRules() {
        long millis = SANDBOX_DELAY.toMillis();
        return String.format(Locale.ROOT, "completes top-up requests up to %,d credits after %s, declines larger ones",
                SANDBOX_DECLINE_ABOVE, millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms");
    }

    /**
     * Starts one more instance of a running service on a free port, with the same database, Kafka
     * consumer group and settings, and waits until it is ready: what Kubernetes does with
     * {@code replicas: 2}. Its log is {@code <service>-<n>.log}; {@link #close()} stops it too.
     */
    public synchronized RunningService startReplica(String name) {
        Service s = service(name).service;
        int number = 2 + (int) replicas.stream().filter(r -> r.service.equals(s)).count();
        int port = Ports.free();
        RunningService replica = new RunningService(s, number, port, serviceEnv(s, port));
        replicas.add(replica);
        replica.start();
        awaitReady(List.of(replica));
        return replica;
    }

    private Map<String, String> serviceEnv(Service s, int port) {
        PostgresServer.Database db = postgres.database(databaseName(s));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_USERNAME", db.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", oidcUrl);
        if (s.name().equals("notification-service")) {
            env.put("QUARKUS_MAILER_HOST", smtp.host());
            env.put("QUARKUS_MAILER_PORT", Integer.toString(smtp.port()));
        }
        return env;
    }

    private String databaseName(Service s) {
        return options.ownDatabases() && !postgres.isEmbedded() ? s.database() + "_systest_" + runId : s.database();
    }

    /** Waits until each of {@code waiting} is ready; fails with the log tail of one that exits. */
    public void awaitReady(List<RunningService> waiting) {
        List<RunningService> left = new ArrayList<>(waiting);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        long lastReport = System.nanoTime();
        while (!left.isEmpty()) {
            for (RunningService s : List.copyOf(left)) {
                if (!s.isAlive()) {
                    throw new IllegalStateException(s.name() + " exited; its log (" + s.log() + ") ends with:\n"
                            + s.logTail(30));
                }
                if (s.isReady()) {
                    left.remove(s);
                    progress.accept("✓ " + s.name() + " ready on " + s.baseUrl());
                }
            }
            if (left.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready after " + READY_TIMEOUT.toSeconds() + " s: "
                        + left.stream().map(RunningService::name).collect(Collectors.joining(", "))
                        + "; logs in " + options.logs());
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(5).toNanos()) {
                lastReport = System.nanoTime();
                progress.accept("… waiting for " + left.stream().map(RunningService::name)
                        .collect(Collectors.joining(", ")));
            }
            sleep(250);
        }
    }

    public RunningService service(String name) {
        RunningService s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("No service " + name + "; known: " + services.keySet());
        }
        return s;
    }

    public List<RunningService> services() {
        return List.copyOf(services.values());
    }

    /** The billing sandbox; null before {@link #startServices()}. */
    public RunningService sandbox() {
        return sandbox;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** Null when an external OIDC provider is used. */
    public KeycloakServer keycloak() {
        return keycloak;
    }

    public SmtpServer smtp() {
        return smtp;
    }

    public String oidcUrl() {
        return oidcUrl;
    }

    public Path logs() {
        return options.logs();
    }

    private Path serviceJar(Service s) {
        return options.root().resolve(s.name()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Every process this stack started and that is still running, so a launcher can clean up after a crash. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        services.values().stream().filter(RunningService::isAlive).forEach(s -> pids.add(s.pid()));
        replicas.stream().filter(RunningService::isAlive).forEach(s -> pids.add(s.pid()));
        if (sandbox != null && sandbox.isAlive()) {
            pids.add(sandbox.pid());
        }
        if (keycloak != null) {
            pids.add(keycloak.process().pid());
        }
        if (kafka != null && kafka.isEmbedded() && kafka.process() != null) {
            pids.add(kafka.process().pid());
        }
        return pids;
    }

    /**
     * Stops the sandbox (it calls the ledger), then the services (they flush their outboxes and commit offsets),
     * then the infrastructure.
     */
    @Override
    public synchronized void close() {
        if (sandbox != null) {
            sandbox.stop();
        }
        replicas.forEach(RunningService::stop);
        services.values().forEach(RunningService::stop);
        if (keycloak != null) {
            keycloak.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (smtp != null) {
            smtp.close();
        }
        if (postgres != null) {
            if (options.ownDatabases() && !postgres.isEmbedded()) {
                SERVICES.forEach(s -> postgres.dropDatabase(databaseName(s)));
            }
            postgres.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One service process, which can be stopped, killed and started again on the same port and database. */
    public final class RunningService {

        private final Service service;
        private final int number;
        private final int port;
        private final Map<String, String> env;
        private ChildProcess process;

        private RunningService(Service service, int number, int port, Map<String, String> env) {
            this.service = service;
            this.number = number;
            this.port = port;
            this.env = env;
        }

        public String name() {
            return service.name();
        }

        public int port() {
            return port;
        }

        public String baseUrl() {
            return "http://" + Ports.LOOPBACK + ":" + port;
        }

        public Path log() {
            return options.logs().resolve(service.name() + (number == 1 ? "" : "-" + number) + ".log");
        }

        public synchronized void start() {
            if (isAlive()) {
                return;
            }
            List<String> command = new ArrayList<>();
            command.add(ChildProcess.javaBinary());
            command.addAll(options.serviceJvmOptions());
            command.add("-jar");
            command.add(serviceJar(service).toString());
            String label = service.name() + (number == 1 ? "" : "-" + number);
            process = ChildProcess.start(label, command, env, options.root().resolve(service.name()), log());
        }

        /** Starts the process again and waits until it is ready. */
        public void restart() {
            stop();
            start();
            awaitReady(List.of(this));
        }

        /** Graceful stop (SIGTERM, SIGKILL after 30 s). */
        public synchronized void stop() {
            if (process != null) {
                process.stop();
            }
        }

        /** kill -9: the process gets no chance to finish requests, flush or commit anything. */
        public synchronized void kill() {
            if (process != null) {
                process.killForcibly();
            }
        }

        public synchronized boolean isAlive() {
            return process != null && process.isAlive();
        }

        public synchronized long pid() {
            return process.pid();
        }

        public String logTail(int lines) {
            return process == null ? "" : process.logTail(lines);
        }

        public boolean isReady() {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
