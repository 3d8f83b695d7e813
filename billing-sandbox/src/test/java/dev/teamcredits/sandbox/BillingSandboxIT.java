package dev.teamcredits.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.local.ChildProcess;
import dev.teamcredits.local.KafkaBroker;
import dev.teamcredits.local.LoopbackIssuer;
import dev.teamcredits.local.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged sandbox as a process, started as the local stack starts it (settings through the environment),
 * against a real Kafka broker, the loopback OIDC issuer (client credentials of the committed realm) and, for the
 * ledger, which lives outside this module, a real HTTP server on loopback ({@link FakeLedger}) that records what
 * it is sent and answers as the purchases spec says the ledger does. Every test asserts the exact requests.
 */
class BillingSandboxIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELAY = Duration.ofMillis(500);
    /** Long enough for any request that should not be sent to have been sent. */
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final UUID ORG = UUID.randomUUID();
    private static final String ADA = "a0000000-0000-4000-8000-000000000001";

    private static KafkaBroker kafka;
    private static LoopbackIssuer issuer;
    private static FakeLedger ledger;
    private static ChildProcess sandbox;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of("target", "it").toAbsolutePath();
        // The log is read by the tests: none of an earlier run's lines.
        Files.deleteIfExists(work.resolve("billing-sandbox.log"));
        kafka = KafkaBroker.startOrConnect(work.resolve("kafka"), 0, true);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.LEDGER, 3, (short) 1))).all().get();
        }
        issuer = LoopbackIssuer.start();
        ledger = FakeLedger.start();
        int port = Ports.free();
        sandbox = ChildProcess.start("billing-sandbox", List.of(ChildProcess.javaBinary(), "-Xmx128m", "-jar",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()), Map.of(
                        "QUARKUS_HTTP_PORT", Integer.toString(port),
                        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", issuer.realmUrl(),
                        "QUARKUS_REST_CLIENT_LEDGER_URL", ledger.url(),
                        "SANDBOX_DELAY", DELAY.toMillis() + "ms",
                        "SANDBOX_RETRY_INITIAL_BACKOFF", "100ms",
                        "SANDBOX_RETRY_MAX_BACKOFF", "400ms"),
                Path.of("").toAbsolutePath(), work.resolve("billing-sandbox.log"));
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("the sandbox is ready").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertTrue(sandbox.isAlive(), () -> "the sandbox exited:\n" + sandbox.logTail(40));
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200;
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
        if (ledger != null) {
            ledger.close();
        }
        if (issuer != null) {
            issuer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aRequestUpToTheLimitIsPaidAfterTheDelayWithTheBillingBackendsToken() throws Exception {
        TopUpRequested request = request(100_000);
        Instant published = publish(request);

        FakeLedger.Call call = awaitCalls(request.requestId(), 1).get(0);
        assertEquals("POST /v1/purchases", call.method() + " " + call.path());
        assertEquals("sandbox_" + request.requestId(), call.header("idempotency-key"));
        assertTrue(call.header("content-type").startsWith("application/json"), call.header("content-type"));
        assertEquals(JSON.readTree("{\"amount\":100000,\"paymentReference\":\"sandbox_" + request.requestId()
                + "\",\"topUpRequestId\":\"" + request.requestId() + "\",\"price\":100000,\"currency\":\"EUR\"}"),
                call.json());
        assertBillingBackendToken(call);
        assertTrue(!call.at().isBefore(published.plus(DELAY)), "settled " + Duration.between(published, call.at())
                .toMillis() + " ms after the request, before the sandbox's delay");
        assertNoMoreCalls(request.requestId(), 1);
    }

    @Test
    void aRequestAboveTheLimitIsDeclinedWithTheReason() throws Exception {
        TopUpRequested request = request(100_001);
        publish(request);

        FakeLedger.Call call = awaitCalls(request.requestId(), 1).get(0);
        assertEquals("POST /v1/top-up-requests/" + request.requestId() + "/decline", call.method() + " "
                + call.path());
        assertEquals("sandbox_decline_" + request.requestId(), call.header("idempotency-key"));
        assertEquals(JSON.readTree("{\"reason\":\"Declined by the sandbox: amounts above 100000 are refused "
                + "(test mode)\"}"), call.json());
        assertBillingBackendToken(call);
        assertNoMoreCalls(request.requestId(), 1);
    }

    /** Kafka delivers at least once: the same event again is sent again as it was, and the ledger records it once. */
    @Test
    void aRedeliveredRequestIsSentAgainWithTheSameKeyAndBody() throws Exception {
        TopUpRequested request = request(42);
        ledger.script(request.requestId(), 201, 200);
        String record = EventCodec.encode(CloudEvent.of("/ledger-service", request));
        producer.send(new ProducerRecord<>(Topics.LEDGER, request.key(), record)).get();
        producer.send(new ProducerRecord<>(Topics.LEDGER, request.key(), record)).get();

        List<FakeLedger.Call> calls = awaitCalls(request.requestId(), 2);
        assertEquals(calls.get(0).header("idempotency-key"), calls.get(1).header("idempotency-key"));
        assertEquals("sandbox_" + request.requestId(), calls.get(1).header("idempotency-key"));
        assertEquals(calls.get(0).json(), calls.get(1).json());
        assertEquals(42, calls.get(1).json().path("price").asLong());
        assertNoMoreCalls(request.requestId(), 2);
    }

    @Test
    void aRequestSomeoneElseSettledIsLeftAlone() throws Exception {
        TopUpRequested request = request(7);
        ledger.script(request.requestId(), 409);
        publish(request);

        awaitCalls(request.requestId(), 1);
        assertNoMoreCalls(request.requestId(), 1);
        awaitLog(request.requestId() + ": already settled by someone else");
    }

    @Test
    void aLedgerThatFailsIsAskedAgainWithTheSameRequestUntilItRecordsIt() throws Exception {
        TopUpRequested request = request(300);
        ledger.script(request.requestId(), 503, 500, 502, 201);
        publish(request);

        List<FakeLedger.Call> calls = awaitCalls(request.requestId(), 4);
        for (FakeLedger.Call call : calls) {
            assertEquals("/v1/purchases", call.path());
            assertEquals("sandbox_" + request.requestId(), call.header("idempotency-key"));
            assertEquals(calls.get(0).json(), call.json());
        }
        assertNoMoreCalls(request.requestId(), 4);
        awaitLog(request.requestId() + ": attempt 3 to record the purchase failed (HTTP 502");
    }

    @Test
    void aLedgerThatIsAwayIsAskedAgainOnceItIsBack() throws Exception {
        TopUpRequested request = request(5);
        ledger.pause();
        try {
            publish(request);
            awaitLog(request.requestId() + ": attempt 2 to record the purchase failed");
        } finally {
            ledger.resume();
        }
        FakeLedger.Call call = awaitCalls(request.requestId(), 1).get(0);
        assertEquals("sandbox_" + request.requestId(), call.header("idempotency-key"));
        assertNoMoreCalls(request.requestId(), 1);
    }

    @Test
    void aRefusalIsLoggedAndNotRepeated() throws Exception {
        TopUpRequested request = request(9);
        ledger.script(request.requestId(), 404);
        publish(request);

        awaitCalls(request.requestId(), 1);
        assertNoMoreCalls(request.requestId(), 1);
        awaitLog(request.requestId() + ": the ledger refused to record the purchase with HTTP 404");
    }

    @Test
    void otherEventsOnTheTopicAreNotTheSandboxsBusiness() throws Exception {
        UUID expired = UUID.randomUUID();
        send(new TopUpExpired(ORG, expired, AccountRef.pool(), 10, ADA, false, Instant.now()));
        producer.send(new ProducerRecord<>(Topics.LEDGER, ORG.toString(), "{\"type\":\"dev.teamcredits.ledger."
                + "credits.spent.v1\",\"data\":{\"orgId\":\"" + ORG + "\"}}")).get();
        // A request on the same partition, after them: once it is settled, they have been read.
        TopUpRequested marker = request(1);
        publish(marker);

        awaitCalls(marker.requestId(), 1);
        Thread.sleep(QUIET.toMillis());
        assertEquals(List.of(), ledger.calls(expired));
        assertTrue(ledger.all().stream().allMatch(c -> c.requestId() != null), ledger.all()::toString);
    }

    // ---------------------------------------------------------------------------------------------

    private static TopUpRequested request(long amount) {
        return new TopUpRequested(ORG, UUID.randomUUID(), AccountRef.pool(), amount, ADA, false,
                Instant.now().plusSeconds(86_400), Instant.now());
    }

    private static Instant publish(TopUpRequested request) throws Exception {
        Instant at = Instant.now();
        send(request);
        return at;
    }

    private static void send(DomainEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.LEDGER, event.key(), EventCodec.encode(CloudEvent.of(
                "/ledger-service", event)))).get();
    }

    private static List<FakeLedger.Call> awaitCalls(UUID requestId, int count) {
        Awaitility.await(count + " call(s) for request " + requestId).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> ledger.calls(requestId).size() >= count);
        return ledger.calls(requestId);
    }

    private static void assertNoMoreCalls(UUID requestId, int count) throws InterruptedException {
        Thread.sleep(QUIET.toMillis());
        assertEquals(count, ledger.calls(requestId).size(), () -> ledger.calls(requestId).toString());
    }

    private static void awaitLog(String text) {
        Awaitility.await("the sandbox logs \"" + text + "\"").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100)).until(() -> sandbox.logText().contains(text));
    }

    /** A token the issuer signed for the billing backend, with the services' audience, as the ledger checks it. */
    private static void assertBillingBackendToken(FakeLedger.Call call) throws Exception {
        String authorization = call.header("authorization");
        assertTrue(authorization != null && authorization.startsWith("Bearer "), String.valueOf(authorization));
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(issuer.realmUrl() + "/protocol/openid-connect/certs")))
                .setExpectedIssuer(issuer.realmUrl())
                .setExpectedAudience(LoopbackIssuer.AUDIENCE)
                .setRequireExpirationTime()
                .build()
                .processToClaims(authorization.substring("Bearer ".length()));
        assertEquals("billing-backend", claims.getStringClaimValue("azp"));
        assertFalse(claims.hasClaim("email"));
    }

    /** For tests that read a call's body. */
    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
