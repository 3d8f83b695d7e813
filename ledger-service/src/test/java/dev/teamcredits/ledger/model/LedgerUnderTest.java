package dev.teamcredits.ledger.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanChanged;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.PoolAccessChanged;
import dev.teamcredits.events.team.PoolCapChanged;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.events.team.RoleChanged;
import dev.teamcredits.events.team.SettingsChanged;
import dev.teamcredits.events.team.TeamEvent;
import dev.teamcredits.local.ChildProcess;
import dev.teamcredits.local.KafkaBroker;
import dev.teamcredits.local.LoopbackIssuer;
import dev.teamcredits.local.Ports;
import dev.teamcredits.local.PostgresServer;
import dev.teamcredits.local.TestTokens;
import dev.teamcredits.model.Op;
import dev.teamcredits.model.Who;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The packaged ledger ({@code target/quarkus-app}) as a process of its own, on a real PostgreSQL,
 * Kafka broker and token issuer, started once per test JVM and stopped when it exits. Tests talk to
 * it over HTTP with signed tokens and feed it team events through the broker, as production does;
 * they read its database only to know when a team event has been applied.
 */
public final class LedgerUnderTest implements SystemUnderTest {

    /** The ledger's configuration for the model runs: the model's {@code ModelConfig} must match it. */
    static final long FREE_CREDITS = 5;
    static final Duration MAX_TTL = Duration.ofHours(24);
    /** Short, so that a run sees requests expire; a step waits for the expiry job (every second) when it must. */
    static final Duration TOP_UP_REQUEST_TTL = Duration.ofSeconds(4);
    /** Small, so that a run reaches it. */
    static final int MAX_OPEN_TOP_UP_REQUESTS = 3;

    private static LedgerUnderTest running;

    final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final String baseUrl;
    private final LedgerHttp ledgerHttp;
    private final String bootstrapServers;
    private final PostgresServer.Database database;
    private final ChildProcess process;
    private final KafkaProducer<String, String> producer;
    private final ThreadLocal<Connection> jdbc;

    public static synchronized LedgerUnderTest get() {
        if (running == null) {
            running = new LedgerUnderTest();
        }
        return running;
    }

    private LedgerUnderTest() {
        Path work = Path.of("target", "model-it").toAbsolutePath();
        PostgresServer postgres = PostgresServer.startOrConnect(work.resolve("postgres"), 0, true);
        database = postgres.database(postgres.isEmbedded() ? "ledger"
                : "ledger_model_" + UUID.randomUUID().toString().substring(0, 8));
        KafkaBroker kafka = KafkaBroker.startOrConnect(work.resolve("kafka"), 0, true);
        bootstrapServers = kafka.bootstrapServers();
        LoopbackIssuer issuer = LoopbackIssuer.start();
        System.setProperty(TestTokens.TOKEN_URL_PROPERTY, issuer.tokenUrl());
        int port = Ports.free();
        baseUrl = "http://" + Ports.LOOPBACK + ":" + port;
        ledgerHttp = new LedgerHttp(json, baseUrl, Duration.ofSeconds(60));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer.realmUrl());
        env.put("LEDGER_FREE_CREDITS", Long.toString(FREE_CREDITS));
        env.put("LEDGER_RESERVATIONS_MAX_TTL", MAX_TTL.toString());
        // Reservations the tests let run out are released within a second (the scheduler's finest step).
        env.put("LEDGER_RESERVATIONS_EXPIRY_INTERVAL", "1s");
        env.put("LEDGER_TOP_UPS_REQUEST_TTL", TOP_UP_REQUEST_TTL.toString());
        env.put("LEDGER_TOP_UPS_EXPIRY_INTERVAL", "1s");
        env.put("LEDGER_TOP_UPS_MAX_OPEN_PER_ACCOUNT", Integer.toString(MAX_OPEN_TOP_UP_REQUESTS));
        // Two billing clients, so that runs can check that a payment reference is one purchase whoever records it.
        env.put("LEDGER_BILLING_CLIENTS", "billing-backend,billing-backend-2");
        // Cycles move only when a test closes one (every org's first cycle ends a month from now anyway).
        env.put("LEDGER_CYCLES_CHECK_INTERVAL", "off");
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaBinary(), "-Xmx512m", "-jar",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString()));
        process = ChildProcess.start("ledger-service", command, env, Path.of(".").toAbsolutePath(),
                work.resolve("ledger-service.log"));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(props);
        jdbc = ThreadLocal.withInitial(this::connect);
        awaitReady();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.stop();
            producer.close(Duration.ofSeconds(5));
            issuer.close();
            kafka.close();
            if (!postgres.isEmbedded()) {
                postgres.dropDatabase(database.name());
            }
            postgres.close();
        }, "stop-model-ledger"));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The ledger exited; its log ends with:\n" + process.logTail(40));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException("The ledger was not ready in 3 minutes; its log ends with:\n"
                + process.logTail(40));
    }

    String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public Duration topUpRequestTtl() {
        return TOP_UP_REQUEST_TTL;
    }

    @Override
    public String diagnostics() {
        return "Ledger log tail:\n" + logTail(15);
    }

    @Override
    public UUID createOrg(ModelRun.Setup setup, String run) {
        UUID orgId = UUID.randomUUID();
        teamEvent(new OrgCreated(orgId, "Model org " + run, setup.plan(),
                new PlanTerms(50, setup.allocation(), setup.rollover()), new OrgSettings(setup.personalFallback(), true),
                LocalDate.now(ZoneOffset.UTC), subject(ModelRun.ADMIN, run), Instant.now()));
        return orgId;
    }

    /** Users are {@code <name>-<run>}: a run's users are its own, and sort like their model names. */
    @Override
    public String subject(String name, String run) {
        return name + "-" + run;
    }

    @Override
    public String token(Who who, String run) {
        return switch (who.type()) {
            case USER -> token(subject(who.name(), run), null);
            case BACKEND -> token(subject(who.name(), run), "scraper-backend");
            case OPERATOR -> token(subject("operator", run), "ops-console");
            case BILLING -> token("service-account-" + subject(who.name(), run), billingClient(who.name()));
        };
    }

    /** The billing clients the ledger is configured with: the model's {@code billing} and {@code billing2}. */
    private static String billingClient(String name) {
        return switch (name) {
            case "billing" -> "billing-backend";
            case "billing2" -> "billing-backend-2";
            default -> throw new IllegalArgumentException("No billing client for the model's " + name);
        };
    }

    /** Team facts become the team service's events, produced to the broker. */
    @Override
    public void teamFact(UUID orgId, Op op, String run) {
        String admin = subject(ModelRun.ADMIN, run);
        if (op instanceof Op.Join o) {
            teamEvent(new MemberJoined(orgId, subject(o.user(), run), subject(o.user(), run) + "@acme.example",
                    o.user(), Role.valueOf(o.role().name()), o.poolAccess(), o.poolCap(), Instant.now(),
                    UUID.randomUUID()));
        } else if (op instanceof Op.Leave o) {
            teamEvent(new MemberRemoved(orgId, subject(o.user(), run), subject(o.user(), run) + "@acme.example", admin,
                    Instant.now()));
        } else if (op instanceof Op.SetRole o) {
            Role to = Role.valueOf(o.role().name());
            teamEvent(new RoleChanged(orgId, subject(o.user(), run), to == Role.ADMIN ? Role.MEMBER : Role.ADMIN, to,
                    admin));
        } else if (op instanceof Op.SetPoolAccess o) {
            teamEvent(new PoolAccessChanged(orgId, subject(o.user(), run), o.poolAccess(), admin));
        } else if (op instanceof Op.SetPoolCap o) {
            teamEvent(new PoolCapChanged(orgId, subject(o.user(), run), o.poolCap(), admin));
        } else if (op instanceof Op.SetPersonalFallback o) {
            teamEvent(new SettingsChanged(orgId, new OrgSettings(o.enabled(), true), admin));
        } else if (op instanceof Op.ChangePlan o) {
            teamEvent(new PlanChanged(orgId, Plan.ENTERPRISE, o.rollover() ? Plan.PRO_PLUS : Plan.PRO,
                    new PlanTerms(50, o.monthlyAllocation(), o.rollover()), admin));
        } else {
            throw new IllegalArgumentException("Not a team fact: " + op);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** A signed token for {@code subject}, valid for a day (soaks run long), minted once. */
    String token(String subject, String azp) {
        return tokens.computeIfAbsent(subject + "|" + azp, k -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("sub", subject);
            fields.put("expires_in", "86400");
            if (azp == null) {
                fields.put("email", subject + "@acme.example");
                fields.put("name", subject);
            } else {
                fields.put("azp", azp);
            }
            return TestTokens.mint(fields);
        });
    }

    @Override
    public Reply call(String method, String path, String token, String idempotencyKey, Object body) {
        return ledgerHttp.call(method, path, token, idempotencyKey, body);
    }

    /** Produces a team event exactly as the team service's relay does, and waits until the ledger applied it. */
    void teamEvent(TeamEvent event) {
        CloudEvent<TeamEvent> cloudEvent = CloudEvent.of("/team-service", event);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TEAM, event.key(),
                EventCodec.encode(cloudEvent));
        record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not produce " + event, e);
        }
        awaitRow("SELECT 1 FROM processed_event WHERE event_id = ?", cloudEvent.id(), "team event " + event);
    }

    /** Waits until the system has released (TTL) the reservation; returns its final status. */
    @Override
    public String awaitReleased(UUID reservationId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String status = query("SELECT status FROM reservation WHERE id = ?", reservationId);
            if (status != null && !"ACTIVE".equals(status)) {
                return status;
            }
            sleep(10);
        }
        throw new AssertionError("Reservation " + reservationId + " was not released in 30 s");
    }

    /** Waits until the ledger's outbox relay has published every committed event to Kafka. */
    void awaitOutboxPublished() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"0".equals(query("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND ? IS NOT NULL", 1))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The ledger's outbox was not published in 60 s");
            }
            sleep(50);
        }
    }

    private void awaitRow(String sql, Object arg, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (query(sql, arg) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The ledger did not apply " + what + " in 30 s; its log ends with:\n"
                        + logTail(20));
            }
            sleep(2);
        }
    }

    private String query(String sql, Object arg) {
        try (PreparedStatement statement = jdbc.get().prepareStatement(sql)) {
            statement.setObject(1, arg);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            jdbc.remove();
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() {
        try {
            return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
